package org.concurrencylab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast start {@code mvn package} lays out in target/dist, used as a user uses it: the launcher
 * finds a JDK 21+ whatever the default java is, passes its arguments to the service, starts it from
 * the AOT cache (the JVM is told the cache is not optional, so a start without it would fail), and
 * notices a cache that does not fit, saying so, rather than quietly starting slower.
 */
class DistLauncherIT {

    static final Path DIST = Path.of("target", "dist");
    static final Path LAUNCHER = DIST.resolve("bin/concurrency-lab");

    @TempDir
    Path dir;

    @BeforeAll
    static void distIsBuilt() {
        assumeThat(System.getProperty("os.name")).as("the launcher is a POSIX shell script").isNotEqualTo("Windows");
        assertThat(LAUNCHER).as("target/dist is laid out by mvn package (failsafe runs after it)").isExecutable();
    }

    @Test
    void itStartsFromTheCacheAndPassesItsArgumentsToTheService() throws IOException {
        // AOTMode=on (Xshare:on for a CDS archive): the JVM refuses to start unless it uses the cache.
        String strict = javaMajor() >= 24 ? "-XX:AOTMode=on" : "-Xshare:on";
        PackagedServer server = PackagedServer.start(List.of(LAUNCHER.toString(), "--lab.execution.node-id=dist-node"),
                Map.of("JAVA_OPTS", strict), dir.resolve("db/lab"), dir.resolve("workers"), dir.resolve("dist.log"));
        try {
            assertThat(server.api().get("/api/v1/system").json().at("/environment/nodeId").asString())
                    .isEqualTo("dist-node");
            assertThat(server.api().get("/api/v1/experiments").status()).isEqualTo(200);
            assertThat(server.logTail(500)).doesNotContain("starting without it");
        } finally {
            server.kill();
        }
    }

    @Test
    void withAJavaHomeTooOldItFindsAJdk21ElsewhereAndSaysSo() throws Exception {
        Path old = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeThat(old.resolve("bin/java")).as("a JDK 17 to point JAVA_HOME at").isExecutable();

        Result which = run(List.of(LAUNCHER.toString(), "--which-java"), Map.of("JAVA_HOME", old.toString()));

        assertThat(which.status()).isZero();
        assertThat(which.output()).contains("JAVA_HOME=" + old + " is not a JDK 21 or newer; looking for one elsewhere")
                .containsPattern("bin/java \\(Java (2[1-9]|[3-9][0-9])");
    }

    @Test
    void withNoJdk21AnywhereItSaysWhatItFoundAndStops() throws Exception {
        // A copy of the launcher beside an empty app folder: no cache made with a JDK to point it there.
        Path bin = Files.createDirectories(dir.resolve("layout/bin"));
        Files.createDirectories(dir.resolve("layout/app"));
        Files.copy(LAUNCHER, bin.resolve("concurrency-lab"));
        Path fakeJdk = Files.createDirectories(dir.resolve("jdks/jdk-17/bin"));
        Files.writeString(fakeJdk.getParent().resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        Files.writeString(fakeJdk.resolve("java"), "#!/bin/sh\nexit 0\n");
        fakeJdk.resolve("java").toFile().setExecutable(true);

        Result start = run(List.of(bin.resolve("concurrency-lab").toString(), "--server.port=0"),
                Map.of("JAVA_HOME", "", "PATH", "/usr/bin:/bin", "LAB_JAVA_SEARCH", dir.resolve("jdks").toString()));

        assertThat(start.status()).isEqualTo(1);
        assertThat(start.output()).contains("no JDK 21 or newer found")
                .contains(fakeJdk.getParent() + " (Java 17)")
                .contains("set JAVA_HOME");
    }

    @Test
    void aCacheMadeForAnotherJdkIsSkippedWithAWarningAndTheServiceStillStarts() throws IOException {
        Path copy = copyOfDist();
        Path stamp = copy.resolve("app/concurrency-lab.aot.txt");
        String original = Files.readString(stamp);
        Files.writeString(stamp, original.replaceFirst("(?m)^java\\.build=.*$", "java.build=Some Vendor 25.0.0+1"));

        PackagedServer server = PackagedServer.start(List.of(copy.resolve("bin/concurrency-lab").toString()), Map.of(),
                dir.resolve("db/lab"), dir.resolve("workers"), dir.resolve("mismatch.log"));
        try {
            assertThat(server.api().get("/api/v1/experiments").status()).isEqualTo(200);
            assertThat(server.logTail(500)).contains("the AOT cache was built for")
                    .contains("Some Vendor 25.0.0+1").contains("starting without it").contains("--build-cache");
        } finally {
            server.kill();
        }
    }

    @Test
    void buildCacheMakesANewCacheThatTheJvmUses() throws Exception {
        Path copy = copyOfDist();
        Path launcher = copy.resolve("bin/concurrency-lab");
        Path cache = copy.resolve(javaMajor() >= 24 ? "app/concurrency-lab.aot" : "app/concurrency-lab.jsa");
        Files.delete(cache);

        Result build = run(List.of(launcher.toString(), "--build-cache"), Map.of());

        assertThat(build.status()).as(build.output()).isZero();
        assertThat(cache).isNotEmptyFile();
        String strict = javaMajor() >= 24 ? "-XX:AOTMode=on" : "-Xshare:on";
        PackagedServer server = PackagedServer.start(List.of(launcher.toString()), Map.of("JAVA_OPTS", strict),
                dir.resolve("db/lab"), dir.resolve("workers"), dir.resolve("rebuilt.log"));
        server.kill();
    }

    /** The dist copied with its files' times, as `cp -a` would (a cache records its jars' sizes and times). */
    private Path copyOfDist() throws IOException {
        Path copy = dir.resolve("dist");
        try (Stream<Path> files = Files.walk(DIST)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(DIST.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    private static int javaMajor() throws IOException {
        try {
            Result which = run(List.of(LAUNCHER.toString(), "--which-java"), Map.of());
            java.util.regex.Matcher major = java.util.regex.Pattern.compile("\\(Java (\\d+)").matcher(which.output());
            assertThat(major.find()).as(which.output()).isTrue();
            return Integer.parseInt(major.group(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private record Result(int status, String output) {}

    private static Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
