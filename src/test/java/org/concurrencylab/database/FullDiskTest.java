package org.concurrencylab.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.concurrencylab.ConcurrencyLabApplication;
import org.concurrencylab.support.LabApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The embedded H2 default on a disk that fills up: a request that must write answers 503 with
 * {@code Retry-After} (never a 500); once there is room again the same lab takes work again, and
 * nothing answered 202 is lost, as a restart on the same file shows. The disk is a small
 * tmpfs mounted for the test, so it needs a machine that lets the test mount one (root, as here
 * and in CI); elsewhere it is skipped.
 */
class FullDiskTest {

    private static final Duration FINISH = Duration.ofSeconds(60);
    private static final String SHORT = """
            {"name": "%s", "model": "SEQUENTIAL", "tasks": 2, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""";

    @TempDir
    Path dir;

    private Path disk;
    private ConfigurableApplicationContext lab;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = dir.resolve("disk");
        Files.createDirectories(disk);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        assumeTrue(mounted, "cannot mount a small tmpfs here: " + new String(mount.getInputStream().readAllBytes()));
    }

    @AfterEach
    void unmount() throws Exception {
        if (lab != null) {
            lab.close();
        }
        new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskAnswers503AndLosesNothingStored() throws Exception {
        LabApi api = start();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.add(api.submit(SHORT.formatted("before " + i)));
        }
        for (String id : accepted) {
            assertThat(api.awaitFinished(id, FINISH).get("status").asString()).isEqualTo("SUCCEEDED");
        }

        Path filler = fill(disk);
        // Writes go on until H2 needs a byte more of the disk; from then on every one is a 503.
        int refused = 0;
        for (int i = 0; i < 200 && refused < 3; i++) {
            LabApi.Response submit = api.post("/api/v1/experiments", SHORT.formatted("during " + i));
            assertThat(submit.status()).as(submit.body()).isIn(202, 503);
            if (submit.status() == 202) {
                accepted.add(submit.json().get("id").asString());
            } else {
                refused++;
                assertThat(submit.header("Retry-After")).isEqualTo("5");
                assertThat(submit.contentType()).startsWith("application/problem+json");
                assertThat(submit.json().get("detail").asString()).contains("database");
            }
        }
        assertThat(refused).as("submits refused once the disk was full").isEqualTo(3);

        // Room again: the same lab takes work once more (H2 reopens its file for new connections)...
        Files.delete(filler);
        LabApi running = api;
        await("a submit accepted again").atMost(FINISH).pollInterval(Duration.ofMillis(500))
                .until(() -> running.post("/api/v1/experiments", SHORT.formatted("room again")).status() == 202);
        // ...and after a restart on the same file, everything answered 202 is there.
        lab.close();
        api = start();
        for (String id : accepted) {
            JsonNode stored = api.experiment(id);
            assertThat(stored.get("id").asString()).as("experiment %s, answered 202", id).isEqualTo(id);
        }
        JsonNode first = api.experiment(accepted.getFirst());
        assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(first.at("/result/summary/checksum").asLong()).isEqualTo(1 + 2);
        String after = api.submit(SHORT.formatted("after"));
        assertThat(api.awaitFinished(after, FINISH).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    private LabApi start() {
        lab = new SpringApplicationBuilder(ConcurrencyLabApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:file:" + disk.resolve("lab") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--lab.execution.worker-dir=" + dir.resolve("workers"),
                "--lab.limits.workers.aot-cache=false",
                "--" + LabApi.BOOTSTRAP_PROPERTY);
        return new LabApi(lab.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    /** Writes zeros until the disk has no byte left; returns the file, to delete later. */
    private static Path fill(Path disk) throws IOException {
        Path filler = disk.resolve("filler");
        byte[] block = new byte[64 << 10];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
        // Whatever a block did not fill, byte by byte.
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            return filler;
        }
    }
}
