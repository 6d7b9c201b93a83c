package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.concurrencylab.core.ParamValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed worker JVM leaves in the temp folder is removed by the next io.file run, and nothing else is. */
class RunDirectoriesTest {

    @TempDir
    Path temp;

    /** The pid of a process that has really run and ended, as a killed worker's has. */
    private static long endedPid() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process ended = new ProcessBuilder(java, "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ended.waitFor();
        return ended.pid();
    }

    @Test
    void directoriesOfEndedProcessesGoAndLiveOrForeignOnesStay() throws Exception {
        Path orphan = Files.createDirectory(temp.resolve(RunDirectories.PREFIX + endedPid() + "-123"));
        Files.writeString(orphan.resolve("task-0.bin"), "half written");
        Path live = Files.createDirectory(temp.resolve(RunDirectories.PREFIX + ProcessHandle.current().pid() + "-456"));
        Path unnamed = Files.createDirectory(temp.resolve(RunDirectories.PREFIX + "789"));
        Path unrelated = Files.createDirectory(temp.resolve("someone-elses-12-34"));

        RunDirectories.removeOrphans(temp);

        assertThat(orphan).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(unnamed).isDirectory();
        assertThat(unrelated).isDirectory();
    }

    @Test
    void aNewIoFileRunSweepsTheSharedTempFolderAndNamesItsOwnDirectoryAfterThisJvm() throws Exception {
        Path shared = Path.of(System.getProperty("java.io.tmpdir"));
        Path orphan = Files.createDirectory(shared.resolve(RunDirectories.PREFIX + endedPid() + "-test"));

        try (FileWorkload file = (FileWorkload) Kinds.IO_FILE.create(new ParamValues(Map.of("bytes", 16L)))) {
            assertThat(orphan).doesNotExist();
            assertThat(RunDirectories.ownerPid(file.directory().getFileName().toString()))
                    .hasValue(ProcessHandle.current().pid());
        } finally {
            RunDirectories.removeQuietly(orphan);
        }
    }
}
