package org.concurrencylab.security;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The size of a request body ({@code lab.limits.max-request-bytes}); beside the other limits in
 * name, here because it is enforced before a request reaches any controller.
 *
 * @param maxRequestBytes the largest body accepted (a number of bytes, or e.g. {@code 64KB}); above it, 413
 */
@Validated
@ConfigurationProperties("lab.limits")
record BodyLimitProperties(@DefaultValue("64KB") @NotNull DataSize maxRequestBytes) {}
