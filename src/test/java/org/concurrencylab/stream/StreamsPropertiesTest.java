package org.concurrencylab.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code lab.streams.*} as a node binds it at start-up. */
class StreamsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StreamsProperties.class)
    static class Bound {}

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaultsServeAThousandStreams() {
        context.run(started -> assertThat(started.getBean(StreamsProperties.class))
                .isEqualTo(new StreamsProperties(1000, 10, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1))));
    }

    @Test
    void aRefreshIntervalThatIsNotPositiveStopsTheStartAndSaysSo() {
        for (String interval : new String[] {"0s", "-1s", "0ms"}) {
            context.withPropertyValues("lab.streams.refresh-interval=" + interval).run(started -> {
                assertThat(started).hasFailed();
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("refresh-interval");
                assertThat(messages(started.getStartupFailure()))
                        .contains("lab.streams.refresh-interval must be positive (at least 1ms)");
            });
        }
    }

    @Test
    void limitsMustBePositive() {
        context.withPropertyValues("lab.streams.max-open=0").run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("lab.streams.max-backlog=-1").run(started -> assertThat(started).hasFailed());
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
