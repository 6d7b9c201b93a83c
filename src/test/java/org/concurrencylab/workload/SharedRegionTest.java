package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.concurrencylab.core.ExecutionModel;
import org.junit.jupiter.api.Test;

/**
 * The shared region's safety: a worker maps only a region the server made, named by two numbers
 * under its own temp root, and never creates or follows anything; the server's region goes when it
 * is closed. The in-process models refuse each ipc lab with a pointer to its in-process counterpart.
 */
class SharedRegionTest {

    @Test
    void aWorkerMapsTheServersRegionAndSeesItsWrites() throws IOException {
        try (SharedRegion server = SharedRegion.create(); SharedRegion worker = SharedRegion.open(server.owner(),
                server.token())) {
            assertThat(server.directory().getFileName().toString())
                    .isEqualTo("concurrency-lab-io-" + ProcessHandle.current().pid() + "-" + server.token());
            worker.setCounter(41);
            assertThat(server.compareAndSetCounter(41, 42)).isTrue();
            assertThat(worker.counter()).isEqualTo(42);
            assertThat(worker.arrive()).isEqualTo(1);
            assertThat(server.arrive()).isEqualTo(2);
        }
    }

    @Test
    void theServersRegionIsRemovedWhenItIsClosedButNotAWorkersHandle() throws IOException {
        SharedRegion server = SharedRegion.create();
        SharedRegion worker = SharedRegion.open(server.owner(), server.token());
        worker.close();
        assertThat(server.directory()).exists();

        server.close();

        assertThat(server.directory()).doesNotExist();
    }

    @Test
    void aTokenNoServerIssuedMapsNothingAndCreatesNothing() throws IOException {
        long owner = ProcessHandle.current().pid();
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (SharedRegion server = SharedRegion.create()) {
            long unknown = server.token() ^ 1;
            assertThatThrownBy(() -> SharedRegion.open(owner, unknown)).isInstanceOf(IOException.class)
                    .hasMessageContaining("does not exist");
            assertThat(temp.resolve("concurrency-lab-io-" + owner + "-" + unknown)).doesNotExist();
        }
        assertThatThrownBy(() -> SharedRegion.open(-1, 5)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SharedRegion.open(owner, -5)).isInstanceOf(IOException.class);
    }

    @Test
    void aLinkOrAFileOfAnotherSizeIsNotMapped() throws IOException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        long owner = ProcessHandle.current().pid();
        Path planted = temp.resolve("concurrency-lab-io-" + owner + "-7");
        Path elsewhere = Files.createTempFile("not-a-region", ".bin");
        try {
            Files.createDirectory(planted);
            Files.createSymbolicLink(planted.resolve(SharedRegion.FILE), elsewhere);
            assertThatThrownBy(() -> SharedRegion.open(owner, 7)).isInstanceOf(IOException.class);

            Files.delete(planted.resolve(SharedRegion.FILE));
            Files.write(planted.resolve(SharedRegion.FILE), new byte[SharedRegion.BYTES + 1]);
            assertThatThrownBy(() -> SharedRegion.open(owner, 7)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not a lab region");
            assertThat(Files.size(planted.resolve(SharedRegion.FILE))).isEqualTo(SharedRegion.BYTES + 1);
        } finally {
            RunDirectories.removeQuietly(planted);
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void eachIpcLabIsRefusedInProcessWithItsInProcessCounterpart() {
        assertThat(Kinds.IPC_SHARED.refusals().get(ExecutionModel.THREADS)).contains("sync.counter");
        assertThat(Kinds.IPC_MANAGER.refusals().get(ExecutionModel.THREADS)).contains("sync.counter");
        assertThat(Kinds.IPC_QUEUE.refusals().get(ExecutionModel.GIL)).contains("sync.queue");
        for (var kind : java.util.List.of(Kinds.IPC_SHARED, Kinds.IPC_MANAGER, Kinds.IPC_QUEUE)) {
            assertThat(kind.models()).as(kind.id()).containsExactly(ExecutionModel.PROCESSES);
        }
    }
}
