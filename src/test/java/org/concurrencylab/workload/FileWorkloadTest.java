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
}
