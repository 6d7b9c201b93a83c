package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.junit.jupiter.api.Test;

class FileWorkloadTest {

    private static FileWorkload file(long bytes) {
        return (FileWorkload) Kinds.IO_FILE.create(new ParamValues(Map.of("bytes", bytes)));
    }

    @Test
    void checksumDependsOnlyOnTheTaskAndTheSize() throws Exception {
        long first;
        try (FileWorkload file = file(200_000)) {
            first = file.runTask(3, TaskContext.DIRECT);
            assertThat(file.runTask(3, TaskContext.DIRECT)).isEqualTo(first);
            assertThat(file.runTask(4, TaskContext.DIRECT)).isNotEqualTo(first);
        }
        try (FileWorkload another = file(200_000)) {
            assertThat(another.runTask(3, TaskContext.DIRECT)).isEqualTo(first);
        }
        try (FileWorkload smaller = file(1)) {
            assertThat(smaller.runTask(3, TaskContext.DIRECT)).isNotEqualTo(first);
        }
    }

    @Test
    void writesTheWholeFileInOneBlockingSectionAndReadsItBackInAnother() throws Exception {
        long bytes = 150_000; // two full chunks and a partial one
        try (FileWorkload file = file(bytes)) {
            Path taskFile = file.directory().resolve("task-0.bin");
            long[] sizeAfterWrite = {-1};
            int[] sections = {0};
            TaskContext context = new TaskContext() {
                @Override
                public void blocking(BlockingSection section) throws InterruptedException {
                    section.run();
                    if (++sections[0] == 1) {
                        sizeAfterWrite[0] = sizeOf(taskFile);
                    }
                }
            };
            file.runTask(0, context);
            assertThat(sections[0]).isEqualTo(2);
            assertThat(sizeAfterWrite[0]).isEqualTo(bytes);
            assertThat(file.observations().plain()).containsEntry("bytesWritten", bytes).containsEntry("filesSynced", 1L);
            // Each task removes its file once checked: the disk holds only running tasks' files.
            assertThat(entries(file.directory())).isZero();
        }
    }

    @Test
    void closeRemovesTheTempDirectoryAndEverythingInIt() throws Exception {
        FileWorkload file = file(10);
        Path directory = file.directory();
        assertThat(directory.getFileName().toString()).startsWith("concurrency-lab-io-");
        file.runTask(0, TaskContext.DIRECT);
        Files.writeString(directory.resolve("left-over"), "x"); // as a task still writing would leave
        file.close();
        assertThat(directory).doesNotExist();
        file.close(); // twice is harmless
    }

    @Test
    void anInterruptDuringTheWriteStopsTheTaskAndCloseLeavesNothing() throws Exception {
        FileWorkload file = file(1_000_000);
        Path directory = file.directory();
        RecordingContext context = RecordingContext.interruptingAtBlocking(1);
        assertThatThrownBy(() -> file.runTask(0, context)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isTrue(); // the interrupt is not swallowed; clear it for the next test
        assertThat(context.blockingSections.get()).isEqualTo(1);
        assertThat(file.observations().plain()).containsEntry("filesSynced", 0L);
        file.close();
        assertThat(directory).doesNotExist();
    }

    @Test
    void anInterruptBeforeTheReadStopsTheTaskToo() throws Exception {
        FileWorkload file = file(1_000_000);
        RecordingContext context = RecordingContext.interruptingAtBlocking(2);
        assertThatThrownBy(() -> file.runTask(0, context)).isInstanceOf(InterruptedException.class);
        Thread.interrupted();
        assertThat(file.observations().plain()).containsEntry("filesSynced", 1L);
        file.close();
        assertThat(file.directory()).doesNotExist();
    }

    @Test
    void aClosedWorkloadRunsNoMoreTasks() {
        FileWorkload file = file(10);
        file.close();
        assertThatThrownBy(() -> file.runTask(0, TaskContext.DIRECT)).isInstanceOf(IllegalStateException.class);
        assertThat(file.directory()).doesNotExist();
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long entries(Path directory) throws java.io.IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void aTaskThatWouldLeaveTooLittleFreeSpaceIsRefusedWithoutWritingAnything() throws Exception {
        long bytes = 4L << 20;
        // The disk as the workload sees it: 66 MiB free, so a 4 MiB file would leave 62 MiB, under the reserve.
        try (FileWorkload file = new FileWorkload(bytes, dir -> 66L << 20)) {
            assertThatThrownBy(() -> file.runTask(2, TaskContext.DIRECT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("not enough free disk space for io.file: task 2 would write 4194304 bytes where "
                            + "69206016 are free, and io.file leaves 64 MiB free for everything else on that disk");
            assertThat(entries(file.directory())).isZero();
            assertThat(file.observations().plain()).containsEntry("bytesWritten", 0L);
        }
        // With the reserve left over it writes as usual.
        try (FileWorkload file = new FileWorkload(bytes, dir -> 68L << 20)) {
            file.runTask(2, TaskContext.DIRECT);
            assertThat(file.observations().plain()).containsEntry("bytesWritten", bytes);
        }
    }

    @Test
    void whatOtherTasksAreWritingIsNotCountedAsFree() throws Exception {
        long bytes = 1L << 20;
        // Room for one task's file above the reserve, not for two at once.
        try (FileWorkload file = new FileWorkload(bytes, dir -> FileWorkload.RESERVE_BYTES + bytes + (bytes / 2))) {
            String[] second = {null};
            TaskContext writingOneFile = new TaskContext() {
                @Override
                public void blocking(BlockingSection section) throws InterruptedException {
                    if (second[0] == null) {
                        second[0] = "";
                        try {
                            file.runTask(1, TaskContext.DIRECT);
                        } catch (IllegalStateException e) {
                            second[0] = e.getMessage();
                        }
                    }
                    section.run();
                }
            };
            file.runTask(0, writingOneFile);
            assertThat(second[0]).startsWith("not enough free disk space for io.file: task 1");
        }
    }
}
