package org.concurrencylab.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code lab.interleavings.*}: the explorer runs on the request thread, so the number of schedules
 * one request may enumerate is capped.
 *
 * @param maxInterleavings more than this and the request is refused with a 400 that gives the count
 */
@Validated
@ConfigurationProperties("lab.interleavings")
record InterleavingsProperties(@DefaultValue("100000") @Min(1) @Max(10_000_000) long maxInterleavings) {}
