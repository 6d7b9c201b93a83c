package org.concurrencylab.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the scrape pass {@code promtool check metrics} cleanly: help text for the framework's
 * meters that ship without one, and none of the three JVM meters whose names break Prometheus
 * conventions (abbreviated units, a "_count" gauge). What they said is still there: CPU time as
 * {@code process_cpu_usage}, cores as {@code /api/v1/system}, JIT time in JFR.
 */
@Configuration(proxyBeanMethods = false)
class MetricHygiene {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "http.server.requests", "HTTP requests served, by method, URI template, status and outcome",
            "http.server.requests.active", "HTTP requests being served now",
            "tomcat.sessions.active.current", "HTTP sessions active now",
            "tomcat.sessions.active.max", "Most HTTP sessions active at once",
            "tomcat.sessions.alive.max", "Longest time an expired HTTP session was alive",
            "tomcat.sessions.created", "HTTP sessions created",
            "tomcat.sessions.expired", "HTTP sessions expired",
            "tomcat.sessions.rejected", "HTTP sessions rejected because the maximum was reached");

    @Bean
    MeterFilter denyUnconventionalNames() {
        return MeterFilter.deny(id -> switch (id.getName()) {
            case "jvm.compilation.time", "process.cpu.time", "system.cpu.count" -> true;
            default -> false;
        });
    }

    @Bean
    MeterFilter describeFrameworkMeters() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = DESCRIPTIONS.get(id.getName());
                if (id.getDescription() != null || description == null) {
                    return id;
                }
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), description, id.getType());
            }
        };
    }
}
