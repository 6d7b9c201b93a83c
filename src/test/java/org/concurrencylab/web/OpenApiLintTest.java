package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * openapi.yaml (kept equal to the served API by {@link OpenApiContractTest}) passes Redocly's
 * recommended rules and Spectral's {@code spectral:oas} with no error and no warning. Both run
 * through {@code npx} at pinned versions (Redocly CLI 2.77.0 needs Node.js 20.19+ or 22.12+);
 * without {@code npx} on the PATH, or when a linter cannot be fetched from the npm registry, the
 * check skips and says why (.ci/run installs Node.js and npm when they are missing).
 */
class OpenApiLintTest {

    static final String REDOCLY = "@redocly/cli@2.77.0";
    static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";

    private static final Path CONTRACT = Path.of("openapi.yaml");
    private static final Pattern SUFFIXED = Pattern.compile(".*_\\d+$");
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\..*");

    @Test
    void redoclyRecommendedFindsNothing() throws Exception {
        available(REDOCLY, 20, 19);
        // --extends=recommended: the recommended rules, whatever a redocly.yaml might say; JSON for the totals.
        Run lint = npx(REDOCLY, "lint", "--extends=recommended", "--format=json", CONTRACT.toString());
        JsonNode report = JsonMapper.builder().build().readTree(lint.stdout());
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(problem -> problems.add(problem.path("severity").asString() + " "
                + problem.path("ruleId").asString() + ": " + problem.path("message").asString() + " at "
                + problem.path("location").path(0).path("pointer").asString()));
        assertThat(problems).as("Redocly (%s) on openapi.yaml; stderr:%n%s", REDOCLY, lint.stderr()).isEmpty();
        assertThat(report.path("totals").path("errors").asInt(-1)).isZero();
        assertThat(report.path("totals").path("warnings").asInt(-1)).isZero();
        assertThat(lint.exitCode()).as("Redocly's exit code; stderr:%n%s", lint.stderr()).isZero();
    }

    @Test
    void spectralOasFindsNothing() throws Exception {
        available(SPECTRAL, 18, 18);
        Run lint = npx(SPECTRAL, "lint", "--ruleset", ".spectral.yaml", "--fail-severity=warn", CONTRACT.toString());
        assertThat(lint.exitCode())
                .as("Spectral (%s, spectral:oas) on openapi.yaml:%n%s%s", SPECTRAL, lint.stdout(), lint.stderr())
                .isZero();
    }

    /** springdoc makes duplicate method names unique as submit_1, cancel_1: every operation names itself. */
    @Test
    void everyOperationHasItsOwnReadableId() throws IOException {
        List<String> ids = new ArrayList<>();
        operations().forEach((where, operation) -> ids.add(String.valueOf(operation.get("operationId"))));
        assertThat(ids).doesNotContain("null").doesNotHaveDuplicates().noneMatch(id -> SUFFIXED.matcher(id).matches());
    }

    /** Every route that takes an id can answer 404, and says what it did not find. */
    @Test
    void routesByIdNameWhatIsNotFound() throws IOException {
        operations().forEach((where, operation) -> {
            if (!where.contains("{id}")) {
                return;
            }
            String noun = where.contains("/users/") ? "user" : where.contains("/studies/") ? "study" : "experiment";
            assertThat(response(operation, "404")).as(where).isNotNull();
            assertThat(String.valueOf(response(operation, "404").get("description"))).as(where)
                    .containsIgnoringCase("no " + noun);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> operations() throws IOException {
        Map<String, Object> contract = new Yaml().load(Files.readString(CONTRACT));
        Map<String, Map<String, Object>> operations = new java.util.LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) contract.get("paths")).forEach((path, item) -> item.forEach(
                (method, operation) -> operations.put(method.toUpperCase() + " " + path, (Map<String, Object>) operation)));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> response(Map<String, Object> operation, String status) {
        return ((Map<String, Map<String, Object>>) operation.get("responses")).get(status);
    }

    /**
     * Skips, with the reason, unless npx is on the PATH, Node.js is at least the linter's minimum, and
     * npx can fetch and start the linter.
     */
    private static void available(String linter, int major, int minor) throws Exception {
        Assumptions.assumeTrue(onPath("npx") && onPath("node"), "npx (Node.js and npm) is not on the PATH; "
                + "skipping the " + linter + " lint of openapi.yaml");
        Run node = run(List.of("node", "--version"));
        Matcher version = NODE_VERSION.matcher(node.stdout().strip());
        Assumptions.assumeTrue(version.matches(), () -> "could not tell the Node.js version from '" + node.stdout()
                + node.stderr() + "'; skipping the " + linter + " lint of openapi.yaml");
        int haveMajor = Integer.parseInt(version.group(1));
        int haveMinor = Integer.parseInt(version.group(2));
        Assumptions.assumeTrue(haveMajor > major || (haveMajor == major && haveMinor >= minor), () -> linter
                + " needs Node.js " + major + "." + minor + " or newer, this is " + node.stdout().strip()
                + "; skipping its lint of openapi.yaml");
        Run started = npx(linter, "--version");
        Assumptions.assumeTrue(started.exitCode() == 0, () -> "npx could not fetch or start " + linter
                + " (exit " + started.exitCode() + "); skipping its lint of openapi.yaml:\n" + started.stdout()
                + started.stderr());
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    /** {@code npx --yes <package> <args>} in the project directory, with no prompts, colours or telemetry. */
    private static Run npx(String pkg, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("npx", "--yes", pkg));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile("lint", ".out");
        Path err = Files.createTempFile("lint", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.put("NO_COLOR", "1");
            env.put("FORCE_COLOR", "0");
            env.put("REDOCLY_TELEMETRY", "off");
            env.put("REDOCLY_SUPPRESS_NOTIFICATIONS", "true");
            env.put("npm_config_update_notifier", "false");
            env.put("npm_config_fund", "false");
            env.put("npm_config_audit", "false");
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
