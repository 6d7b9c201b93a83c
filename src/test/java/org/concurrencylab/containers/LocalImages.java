package org.concurrencylab.containers;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * What the container tests need to know about the Docker engine here: whether one answers, and
 * which images stand in for the public ones. {@code docker/local-images.sh} names the images it
 * builds from Debian packages where no registry answers; the tests ask it rather than restate
 * the names, and use a local image only where it exists, so a machine that reaches Docker Hub
 * runs the same tests on the public images.
 */
public final class LocalImages {

    /** The public image the PostgreSQL tests use where no local one was built. */
    static final String PUBLIC_POSTGRES = "postgres:16";

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SCRIPT = BASEDIR.resolve("docker/local-images.sh");
    private static final Pattern BUILD_ARG = Pattern.compile("--build-arg\\s+(\\w+)=(\\S+)");

    private static Optional<String> engineUnavailable;

    private LocalImages() {
    }

    /** Why no Docker engine can be used, or empty when one answers. Asked once per JVM. */
    public static synchronized Optional<String> engineUnavailable() {
        if (engineUnavailable == null) {
            quietDockerClientLogs();
            engineUnavailable = DockerClientFactory.instance().isDockerAvailable()
                    ? Optional.empty()
                    : Optional.of("none answered at DOCKER_HOST or /var/run/docker.sock (Testcontainers' log says where it looked)");
        }
        return engineUnavailable;
    }

    /**
     * The PostgreSQL image: {@code LAB_TEST_POSTGRES_IMAGE} if set, else the one
     * local-images.sh builds if the engine has it, declared a substitute for {@code postgres}
     * (Testcontainers checks the name), else the public image.
     */
    public static DockerImageName postgres() {
        String chosen = System.getenv("LAB_TEST_POSTGRES_IMAGE");
        if (chosen == null || chosen.isBlank()) {
            String local = script("--print-postgres-image").strip();
            chosen = engineUnavailable().isEmpty() && exists(local) ? local : PUBLIC_POSTGRES;
        }
        return DockerImageName.parse(chosen).asCompatibleSubstituteFor("postgres");
    }

    /** The Dockerfile's build args for the local base images that exist here (none where Docker Hub serves). */
    static Map<String, String> buildArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        Matcher matcher = BUILD_ARG.matcher(script("--print-build-args"));
        while (matcher.find()) {
            if (exists(matcher.group(2))) {
                args.put(matcher.group(1), matcher.group(2));
            }
        }
        return args;
    }

    static Path basedir() {
        return BASEDIR;
    }

    static boolean exists(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static String script(String option) {
        try {
            Process process = new ProcessBuilder(List.of("bash", SCRIPT.toString(), option))
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(SCRIPT + " " + option + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Outside a Spring context (the *IT classes) logback has no configuration and logs everything
     * at DEBUG, the Docker client's wire traffic included; keep that to warnings. Inside one,
     * Spring's logging setup has already put these loggers at INFO.
     */
    private static void quietDockerClientLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            for (String name : List.of("com.github.dockerjava", "org.testcontainers.shaded", "org.apache.hc")) {
                logback.getLogger(name).setLevel(Level.WARN);
            }
            logback.getLogger("org.testcontainers").setLevel(Level.INFO);
            logback.getLogger("tc").setLevel(Level.INFO);
        }
    }
}
