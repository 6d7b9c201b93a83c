package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own hard limits are the ceiling: a limit an unprivileged server could not set would stop every worker. */
class OsLimitsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheHardColumnOfProcLimits() throws Exception {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max file size             unlimited            unlimited            bytes
                Max core file size        0                    unlimited            bytes
                Max processes             96367                96367                processes
                Max open files            1024                 524288               files
                """);

        assertThat(OsLimits.hardLimits(limits))
                .containsEntry("Max processes", 96367L)
                .containsEntry("Max open files", 524288L)
                .doesNotContainKeys("Max cpu time", "Max file size", "Max core file size");
        assertThat(OsLimits.hardLimits(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void theWorkersLimitsAreSetOnItsPidAndNeverAboveTheServersOwn() {
        OsLimits onThisMachine = OsLimits.ofThisMachine();
        WorkerLimits asked = new WorkerLimits(256, false, true, 64, null, Integer.MAX_VALUE, 64, 2, 1024);
        if (!onThisMachine.available()) {
            assertThat(onThisMachine.command(4242, asked, 70)).isEmpty();
            return;
        }
        long hardOpenFiles = OsLimits.hardLimits(Path.of("/proc/self/limits")).getOrDefault("Max open files",
                (long) Integer.MAX_VALUE);

        List<String> command = onThisMachine.command(4242, asked, 70);
        assertThat(command.getFirst()).endsWith("/prlimit");
        assertThat(command).contains("--pid=4242", "--core=0:0", "--nproc=64:64",
                "--fsize=2097152:2097152", "--cpu=70:75", "--nofile=" + hardOpenFiles + ":" + hardOpenFiles);
        assertThat(onThisMachine.command(4242, asked, 0)).noneMatch(option -> option.startsWith("--cpu"));
    }
}
