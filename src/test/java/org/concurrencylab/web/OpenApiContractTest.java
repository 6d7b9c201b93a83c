package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * openapi.yaml at the repository root is the published contract: it must say exactly what the
 * running service serves. When an API change is intended, the failure tells how to republish it.
 */
class OpenApiContractTest extends LabServerTest {

    private static final Path PUBLISHED = Path.of("openapi.yaml");
    private static final Path SERVED_COPY = Path.of("target", "openapi-served.yaml");

    @Test
    void thePublishedContractIsWhatTheServiceServes() throws IOException {
        String served = api.get("/v3/api-docs.yaml").body();
        Files.createDirectories(SERVED_COPY.getParent());
        Files.writeString(SERVED_COPY, served);

        assertThat(Files.exists(PUBLISHED)).as("openapi.yaml at the repository root").isTrue();
        Yaml yaml = new Yaml();
        Object published = yaml.load(Files.readString(PUBLISHED));
        Object actual = yaml.load(served);
        // Compared as parsed documents (quoting and line folding do not matter); differences shown as paths.
        List<String> publishedLines = flatten("", published);
        List<String> servedLines = flatten("", actual);
        assertThat(actual.equals(published))
                .as("the served API differs from openapi.yaml; if the change is intended, publish it with `cp %s %s`."
                        + "%nOnly in openapi.yaml: %s%nOnly served: %s", SERVED_COPY, PUBLISHED,
                        firstMissing(publishedLines, servedLines), firstMissing(servedLines, publishedLines))
                .isTrue();
    }

    private static List<String> flatten(String path, Object node) {
        if (node instanceof Map<?, ?> map) {
            return map.entrySet().stream().flatMap(e -> flatten(path + "/" + e.getKey(), e.getValue()).stream()).toList();
        }
        if (node instanceof List<?> list) {
            return java.util.stream.IntStream.range(0, list.size())
                    .boxed().flatMap(i -> flatten(path + "[" + i + "]", list.get(i)).stream()).toList();
        }
        return List.of(path + " = " + node);
    }

    private static List<String> firstMissing(List<String> from, List<String> in) {
        return from.stream().filter(line -> !in.contains(line)).limit(10).toList();
    }

    @Test
    void swaggerUiIsServed() {
        assertThat(api.get("/swagger-ui.html").status()).isIn(200, 302);
        assertThat(api.get("/swagger-ui/index.html").body()).contains("swagger-ui");
    }
}
