package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.ConcurrencyLabApplication;
import org.concurrencylab.support.LabApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Right after start-up a node builds its worker AOT cache in the background, on a core the
 * experiments also need. An experiment that runs meanwhile says so in its warnings; one that runs
 * after does not.
 *
 * <p>The build is real (a training worker JVM in a folder of this test's own, so nothing is
 * reused), but it is held still with SIGSTOP while the first experiment runs, so that the
 * experiment runs during the build whatever the machine's speed, and let go with SIGCONT after.
 */
@SpringBootTest(classes = ConcurrencyLabApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:lab-${random.uuid};DB_CLOSE_DELAY=-1",
            "lab.limits.workers.aot-cache=true",
            LabApi.BOOTSTRAP_PROPERTY
        })
class AotCacheBuildWarningTest {

    private static final String QUICK = """
            {"model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "cpu.primes", "params": {"size": 1000}}}""";

    @TempDir
    static Path workerDir;


    private static final AtomicReference<ProcessHandle> heldTraining = new AtomicReference<>();
    private static Thread holder;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void workerDir(DynamicPropertyRegistry registry) {
        registry.add("lab.execution.worker-dir", () -> workerDir.toString());
    }

    /** Before the server starts (and with it the build): stop the training JVM as soon as it appears. */
    @BeforeAll
    static void holdTheTrainingJvmOnceItStarts() {
        assumeThat(Runtime.version().feature()).as("AOT caches need JDK 24 or newer").isGreaterThanOrEqualTo(24);
        assumeThat(System.getProperty("os.name")).as("SIGSTOP and SIGCONT").isEqualTo("Linux");
        holder = Thread.ofPlatform().daemon().name("hold-aot-training").start(() -> await()
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> trainingJvm().map(AotCacheBuildWarningTest::stop).orElse(false)));
    }

    @AfterAll
    static void letItGo() throws Exception {
        if (holder != null) {
            holder.interrupt();
        }
        ProcessHandle held = heldTraining.get();
        if (held != null && held.isAlive()) {
            // A failed test may have left it stopped; if it has just ended, kill's failure is moot.
            signal(held, "CONT");
        }
    }

    @Test
    void anExperimentRunWhileTheCacheIsBuiltCarriesAWarningAndOneRunAfterDoesNot() throws Exception {
        LabApi api = new LabApi(port);
        await().atMost(Duration.ofMinutes(1)).until(() -> heldTraining.get() != null);
        assertThat(aotCache(api)).startsWith("building");

        JsonNode during = api.awaitFinished(api.submit(QUICK), Duration.ofSeconds(60));

        assertThat(during.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(warnings(during)).contains("AOT_CACHE_BUILDING");
        // The interpretation counts it with the others, so it points the reader at every one.
        int warnings = during.at("/result/summary/warnings").size();
        assertThat(during.at("/result/interpretation").asString())
                .contains(warnings + (warnings == 1 ? " warning below says why" : " warnings below say why"));

        assertThat(signal(heldTraining.get(), "CONT")).as("kill -CONT of the training JVM").isZero();
        await().atMost(Duration.ofMinutes(2)).until(() -> !aotCache(api).startsWith("building"));
        assertThat(aotCache(api)).isEqualTo("ready");
        JsonNode after = api.awaitFinished(api.submit(QUICK), Duration.ofSeconds(60));

        assertThat(after.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(warnings(after)).doesNotContain("AOT_CACHE_BUILDING");
    }

    /** The codes of the summary's warnings. */
    private static List<String> warnings(JsonNode experiment) {
        return experiment.at("/result/summary/warnings").valueStream().map(w -> w.get("code").asString()).toList();
    }

    private static String aotCache(LabApi api) {
        return api.get("/api/v1/system").json().at("/workers/aotCache").asString();
    }

    /** The JVM training the cache in this test's folder: the only descendant that writes an AOT cache there. */
    private static Optional<ProcessHandle> trainingJvm() {
        String folder = workerDir.toString();
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine()
                        // JDK 25 trains with AOTCacheOutput, JDK 24 records with AOTMode=record.
                        .filter(line -> line.contains(folder)
                                && (line.contains("-XX:AOTCacheOutput=") || line.contains("-XX:AOTMode=record")))
                        .isPresent())
                .findFirst();
    }

    private static boolean stop(ProcessHandle training) {
        try {
            if (signal(training, "STOP") != 0) {
                return false;
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot stop the training JVM " + training.pid(), e);
        }
        heldTraining.set(training);
        return true;
    }

    /** kill's exit code: 0 once the signal is sent. */
    private static int signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        return new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
