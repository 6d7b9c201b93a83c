package org.concurrencylab.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * The memory the worker JVMs of one {@code ipc.shared} run share, as {@code multiprocessing.Value}
 * is: a small file mapped into every worker (and the server), holding the counter and a start gate.
 *
 * <p><b>Where it lives, and why no user input can name it.</b> The server makes the region for a
 * run ({@link #create}): it draws a random token from {@link SecureRandom} and creates
 * {@code <java.io.tmpdir>/concurrency-lab-io-<server pid>-<token>/shared-counter}, the directory
 * owner-only and made fresh (it fails if anything has that name, a planted link included), the file
 * with {@code CREATE_NEW}. What crosses the pipe to a worker is only those two numbers (an ATTACH
 * frame), never a path: the worker forms the name from the same fixed pattern under its own temp
 * root ({@link #open}), so only digits vary and no separator or {@code ..} can appear. It opens an
 * existing regular file without following links, of exactly the size the server made, and never
 * creates, truncates or deletes anything. A spec's params cannot reach it at all: they are whole
 * numbers checked against the declared params, and the token is none of them. Workers start with
 * the server's {@code java.io.tmpdir}, so both sides name the same folder.
 *
 * <p><b>Always removed.</b> The server removes the directory when the run ends, however it ends
 * ({@link #close} by its creator); a server that dies first leaves a directory whose name carries a
 * dead pid, which {@link RunDirectories} sweeps away before the next run directory of any lab JVM.
 *
 * <p>Every access goes through a {@link VarHandle} view of the mapped bytes: volatile reads and
 * writes so the JIT never keeps the counter in a register (each increment really reads and writes
 * the shared page), and compare-and-set, which the CPU performs on the shared page itself, so it is
 * atomic between processes as between threads.
 */
public final class SharedRegion implements AutoCloseable {

    static final String FILE = "shared-counter";
    /** The counter, then the start gate's arrivals; a cache line, so no other data shares it. */
    static final int BYTES = 64;
    private static final int COUNTER = 0;
    private static final int ARRIVALS = 8;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final long owner;
    private final long token;
    private final Path directory;
    private final boolean created;
    private final FileChannel channel;
    private final MappedByteBuffer memory;

    private SharedRegion(long owner, long token, Path directory, boolean created) throws IOException {
        this.owner = owner;
        this.token = token;
        this.directory = directory;
        this.created = created;
        this.channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            if (channel.size() != BYTES) {
                throw new IOException(FILE + " has " + channel.size() + " bytes, not " + BYTES + ": not a lab region");
            }
            this.memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, BYTES);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The server's side: a fresh region for one run, zeroed, in a directory only this user can enter. */
    public static SharedRegion create() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        RunDirectories.removeOrphans(temp);
        long owner = ProcessHandle.current().pid();
        long token = Tokens.RANDOM.nextLong() & Long.MAX_VALUE;
        Path directory = directory(temp, owner, token);
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.createDirectory(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(directory);
            }
            try {
                Files.write(directory.resolve(FILE), new byte[BYTES], StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new SharedRegion(owner, token, directory, true);
            } catch (IOException | RuntimeException e) {
                RunDirectories.removeQuietly(directory);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared region for ipc.shared", e);
        }
    }

    /**
     * A worker's side: maps the region the server made for {@code owner} and {@code token}, under
     * this JVM's temp root; see the class comment for why only these two numbers travel.
     */
    public static SharedRegion open(long owner, long token) throws IOException {
        if (owner <= 0 || token < 0) {
            throw new IOException("no shared region has owner " + owner + " and token " + token);
        }
        Path directory = directory(Path.of(System.getProperty("java.io.tmpdir")), owner, token);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(directory.resolve(FILE), LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the shared region " + directory.getFileName() + " does not exist (the run ended, "
                    + "or this worker's temp folder is not the server's)");
        }
        return new SharedRegion(owner, token, directory, false);
    }

    /** Only digits vary: a lab run directory's name, as {@link RunDirectories} names them. */
    private static Path directory(Path temp, long owner, long token) {
        return temp.resolve(RunDirectories.PREFIX + owner + "-" + token);
    }

    public long owner() {
        return owner;
    }

    public long token() {
        return token;
    }

    /** The directory that holds the region, for tests that check it is gone. */
    public Path directory() {
        return directory;
    }

    /** The counter, read as any worker would read it. */
    public long counter() {
        return (long) LONGS.getVolatile(memory, COUNTER);
    }

    void setCounter(long value) {
        LONGS.setVolatile(memory, COUNTER, value);
    }

    boolean compareAndSetCounter(long expected, long value) {
        return LONGS.compareAndSet(memory, COUNTER, expected, value);
    }

    /** An OS lock on the counter's bytes between processes, as multiprocessing.Lock (fcntl on Linux). */
    FileLock lockCounter() throws IOException {
        return channel.lock(COUNTER, Long.BYTES, false);
    }

    /** Counts one more worker at the start gate; returns how many have arrived, this one included. */
    long arrive() {
        return (long) LONGS.getAndAdd(memory, ARRIVALS, 1L) + 1;
    }

    long arrivals() {
        return (long) LONGS.getVolatile(memory, ARRIVALS);
    }

    /**
     * Closes this side's channel; the server's side also removes the directory. The mapping itself
     * goes with the buffer (a file removed while mapped is freed once the last mapping goes).
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through the channel: the mapping holds the data, and closing cannot lose any.
        }
        if (created) {
            RunDirectories.removeQuietly(directory);
        }
    }

    /** Whether runs of {@code workload} need a region: the server makes one per run for them. */
    public static boolean neededBy(WorkloadDefinition workload) {
        return workload == SharedCounterWorkload.DEFINITION;
    }

    /**
     * What the server reads once every worker has finished: the counter's final value, which no
     * worker can report (each sees it only while others may still add to it).
     */
    public Observations observed() {
        return Observations.builder().put(SharedCounterWorkload.OBSERVED, counter()).build();
    }

    /** Seeded on the server's first region only: a worker, which only opens regions, never pays for it. */
    private static final class Tokens {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** A workload whose tasks share a region: a worker attaches the run's region after building it. */
    public interface User {
        void attach(SharedRegion region);
    }
}
