package org.concurrencylab.database;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long anything waits for the database ({@code lab.database.*}).
 *
 * @param timeout the longest a request waits for a connection or an answer before it gets 503, and
 *     the bound of the health check's database probe: the pool's connection timeout, its validation
 *     timeout (a quarter of it), and on PostgreSQL the driver's connect, login and socket timeouts
 *     (whole seconds, rounded up). A setting of the pool's or the driver's own, where given, wins.
 */
@Validated
@ConfigurationProperties("lab.database")
record DatabaseProperties(@DefaultValue("2s") @NotNull Duration timeout) {}
