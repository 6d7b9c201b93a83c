package org.concurrencylab.workload;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;

/**
 * Disk IO: each task writes {@code bytes} of seeded content to its own file, forces it to the
 * device ({@code fsync}), reads it back and checks every byte. The fsync is the point: the thread
 * waits for the storage device, not the CPU, so threads overlap it well; the read-back mostly hits
 * the page cache. Content is made in 64 KiB chunks from a generator seeded by the task index, so
 * memory stays small whatever {@code bytes} is, and the checksum (CRC32 of the content) is the
 * same on every model.
 *
 * <p>Shared: one temp directory per run (per JVM, so each worker JVM has its own), made at
 * construction and removed with everything in it by {@link #close()}. Each task deletes its own
 * file as soon as it is checked, so the disk holds at most one file per running task, and little
 * is left even where close is never called (a worker JVM that halts); the next run's
 * {@link RunDirectories} removes what such a JVM left. Two counters feed the observations.
 */
final class FileWorkload implements Workload {

    static final Param.Int BYTES = Param.integer("bytes", "bytes written, synced and read back per task", "bytes",
            65_536, 1, 16 * 1024 * 1024);
    static final Metric.Count BYTES_WRITTEN = Metric.count("bytesWritten", "bytes", Aggregation.SUM,
            "bytes the run's finished writes put on disk");
    static final Metric.Count FILES_SYNCED = Metric.count("filesSynced", "files", Aggregation.SUM,
            "files forced to disk with fsync");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("io.file", WorkKind.IO)
            .description("IO-bound: each task writes bytes to its own file, forces it to disk (fsync), reads it back "
                    + "and checks it, in a temp directory removed when the run ends. The thread waits for the disk, "
                    + "not the CPU, so threads overlap the waits, until the disk itself is the limit. A task that "
                    + "would leave less than 64 MiB free on that disk is refused. Reports bytesWritten and "
                    + "filesSynced.")
            .params(BYTES)
            .metrics(BYTES_WRITTEN, FILES_SYNCED)
            .factory(p -> new FileWorkload(p.get(BYTES)))
            .build();

    private static final int CHUNK_BYTES = 64 * 1024;
    /**
     * Free space io.file leaves on the disk it writes to: the lab's database and logs may share
     * it, and a full disk fails them too. Several worker JVMs each check for themselves, so this
     * covers four writing 16 MiB files at once.
     */
    static final long RESERVE_BYTES = 64L << 20;

    private final long bytes;
    private final Path directory;
    private final ToLongFunction<Path> usableSpace;
    // What this workload's tasks are writing now: the space a check must not count as free.
    private final AtomicLong writing = new AtomicLong();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder filesSynced = new LongAdder();
    private volatile boolean closed;

    FileWorkload(long bytes) {
        this(bytes, FileWorkload::usableSpace);
    }

    /** @param usableSpace the bytes a file under the given folder may still take (tests give a full disk) */
    FileWorkload(long bytes, ToLongFunction<Path> usableSpace) {
        this.bytes = bytes;
        this.directory = RunDirectories.create();
        this.usableSpace = usableSpace;
    }

    /** The run's temp directory, for tests. */
    Path directory() {
        return directory;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("io.file workload already closed");
        }
        Path file = directory.resolve("task-" + taskIndex + ".bin");
        long others = writing.getAndAdd(bytes);
        try {
            checkFreeSpace(taskIndex, others);
            context.blocking(() -> write(file, taskIndex));
            long[] crc = new long[1];
            context.blocking(() -> crc[0] = readAndVerify(file, taskIndex));
            return crc[0];
        } finally {
            writing.addAndGet(-bytes);
            RunDirectories.deleteQuietly(file);
            if (closed) {
                // A task that outlived close (it should not) still leaves nothing behind.
                RunDirectories.deleteQuietly(directory);
            }
        }
    }

    /**
     * Refuses to write what would leave less than {@link #RESERVE_BYTES} free, counting what the
     * other running tasks are writing: a full disk is worse for everything else on it than a
     * refused task is for the experiment.
     */
    private void checkFreeSpace(int taskIndex, long writtenByOthers) {
        long free = usableSpace.applyAsLong(directory) - writtenByOthers;
        if (free - bytes < RESERVE_BYTES) {
            throw new IllegalStateException("not enough free disk space for io.file: task " + taskIndex + " would write "
                    + bytes + " bytes where " + Math.max(0, free) + " are free, and io.file leaves "
                    + (RESERVE_BYTES >> 20) + " MiB free for everything else on that disk");
        }
    }

    private static long usableSpace(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the free space where io.file writes: " + e.getMessage(), e);
        }
    }

    private void write(Path file, int taskIndex) throws InterruptedException {
        SplittableRandom content = new SplittableRandom(taskIndex);
        byte[] chunk = new byte[CHUNK_BYTES];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < bytes; done += CHUNK_BYTES) {
                int length = (int) Math.min(CHUNK_BYTES, bytes - done);
                nextChunk(content, chunk, length);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                checkInterrupt();
            }
            channel.force(true);
        } catch (ClosedByInterruptException e) {
            throw interrupted(e);
        } catch (IOException e) {
            // The OS's words ("No space left on device", "File too large") say which limit it was.
            throw new UncheckedIOException("cannot write " + file.getFileName() + ": " + e.getMessage(), e);
        }
        bytesWritten.add(bytes);
        filesSynced.increment();
    }

    private long readAndVerify(Path file, int taskIndex) throws InterruptedException {
        SplittableRandom content = new SplittableRandom(taskIndex);
        byte[] expected = new byte[CHUNK_BYTES];
        ByteBuffer actual = ByteBuffer.allocate(CHUNK_BYTES);
        CRC32 crc = new CRC32();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != bytes) {
                throw new IllegalStateException(file.getFileName() + " holds " + channel.size() + " bytes, not " + bytes);
            }
            for (long done = 0; done < bytes; done += CHUNK_BYTES) {
                int length = (int) Math.min(CHUNK_BYTES, bytes - done);
                nextChunk(content, expected, length);
                actual.clear().limit(length);
                while (actual.hasRemaining()) {
                    if (channel.read(actual) < 0) {
                        throw new IllegalStateException(file.getFileName() + " ended early at " + (done + actual.position()));
                    }
                }
                if (!Arrays.equals(actual.array(), 0, length, expected, 0, length)) {
                    throw new IllegalStateException(file.getFileName() + " read back differs within bytes " + done
                            + " to " + (done + length));
                }
                crc.update(actual.array(), 0, length);
                checkInterrupt();
            }
        } catch (ClosedByInterruptException e) {
            throw interrupted(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        return crc.getValue();
    }

    /** The next {@code length} bytes of a task's content; the same sequence for writing and checking. */
    private static void nextChunk(SplittableRandom content, byte[] chunk, int length) {
        for (int i = 0; i < length; i += Long.BYTES) {
            long word = content.nextLong();
            for (int b = 0; b < Long.BYTES && i + b < length; b++) {
                chunk[i + b] = (byte) (word >>> (8 * b));
            }
        }
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("io.file stopped between chunks");
        }
    }

    private static InterruptedException interrupted(ClosedByInterruptException cause) {
        InterruptedException e = new InterruptedException("io.file stopped during IO");
        e.initCause(cause);
        return e;
    }

    /** {@code bytesWritten} and {@code filesSynced} by the run's finished writes. */
    @Override
    public Observations observations() {
        return Observations.builder()
                .put(BYTES_WRITTEN, bytesWritten.sum())
                .put(FILES_SYNCED, filesSynced.sum())
                .build();
    }

    @Override
    public void close() {
        closed = true;
        RunDirectories.removeQuietly(directory);
    }
}
