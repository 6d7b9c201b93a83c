package org.concurrencylab.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code lab.retention.*} as a node binds it at start-up: off by default, and a bad value stops the start. */
class RetentionPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RetentionProperties.class)
    static class Bound {}

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void offByDefault() {
        context.run(started -> {
            RetentionProperties properties = started.getBean(RetentionProperties.class);
            assertThat(properties).isEqualTo(new RetentionProperties(null, null, Duration.ofMinutes(10)));
            assertThat(properties.enabled()).isFalse();
        });
        context.withPropertyValues("lab.retention.max-age=30d").run(started ->
                assertThat(started.getBean(RetentionProperties.class).enabled()).isTrue());
    }

    @Test
    void badValuesStopTheStartAndSayWhichAndWhy() {
        String[][] bad = {
            {"lab.retention.max-age=0s", "lab.retention.max-age must be at least 1s when set"},
            {"lab.retention.max-experiments=-1", "lab.retention.max-experiments must be 0 or more when set"},
            {"lab.retention.interval=10ms", "lab.retention.interval must be at least 100ms"},
        };
        for (String[] value : bad) {
            context.withPropertyValues(value[0]).run(started -> {
                assertThat(started).as(value[0]).hasFailed();
                assertThat(messages(started.getStartupFailure())).as(value[0]).contains(value[1]);
            });
        }
        context.withPropertyValues("lab.retention.max-age=soon").run(started -> assertThat(started).hasFailed());
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
