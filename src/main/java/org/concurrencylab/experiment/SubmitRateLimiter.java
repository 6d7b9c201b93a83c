package org.concurrencylab.experiment;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Per-user submit rate ({@code lab.limits.per-user.submits-per-minute}): a Bucket4j token bucket
 * per user that holds the limit and refills it greedily over a minute, so a burst up to the limit
 * is fine and the budget comes back steadily rather than all at once.
 *
 * <p>On PostgreSQL the buckets live in the {@code rate_bucket} table (a row locked with {@code
 * select ... for update} per submit), so nodes sharing the database share each user's budget. An
 * embedded H2 database serves one node, whose buckets live in memory.
 */
@Component
public class SubmitRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final long limit;
    private final Function<String, Bucket> buckets;

    SubmitRateLimiter(LimitsProperties limits, DataSource dataSource) {
        this.limit = limits.perUser().submitsPerMinute();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, WINDOW).build())
                .build();
        this.buckets = Databases.isPostgreSql(dataSource) ? shared(dataSource, configuration) : inMemory(configuration);
    }

    /** Takes one submit from the user's budget if there is one left; says what is left either way. */
    public SubmitAllowance tryAcquire(String userId) {
        ConsumptionProbe probe = buckets.apply(userId).tryConsumeAndReturnRemaining(1);
        Duration reset = Duration.ofNanos(probe.getNanosToWaitForReset());
        Duration retryAfter = probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
        SubmitAllowance allowance = new SubmitAllowance(probe.isConsumed(), limit, WINDOW, probe.getRemainingTokens(),
                reset, retryAfter);
        if (!allowance.allowed()) {
            throw SubmitRateExceededException.of(allowance);
        }
        return allowance;
    }

    private static Function<String, Bucket> shared(DataSource dataSource, BucketConfiguration configuration) {
        ProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
        // A changed limit (a restart with another setting) replaces the stored configuration,
        // keeping the fraction of the budget a user had left.
        long version = configuration.getBandwidths()[0].getCapacity();
        return userId -> proxies.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.PROPORTIONALLY)
                .build("submits:" + userId, () -> configuration);
    }

    private static Function<String, Bucket> inMemory(BucketConfiguration configuration) {
        Map<String, Bucket> byUser = new ConcurrentHashMap<>();
        return userId -> byUser.computeIfAbsent(userId, id -> Bucket.builder()
                .addLimit(configuration.getBandwidths()[0])
                .build());
    }
}
