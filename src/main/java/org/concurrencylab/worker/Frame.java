package org.concurrencylab.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.TaskRecord;

/** One message between the server and a worker JVM. Encoded by {@link Frames}. */
public sealed interface Frame {

    FrameType type();

    /** The worker started and speaks this protocol; it is waiting for {@link Configure}. */
    record Ready(long pid) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.READY;
        }
    }

    /** Which workload every following task runs: a catalog id and complete params, never code. */
    record Configure(String kindId, Map<String, Long> params) implements Frame {
        public Configure {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        @Override
        public FrameType type() {
            return FrameType.CONFIGURE;
        }
    }

    /**
     * The answer to {@link Configure}: the workload is built, so the first chunk does not wait
     * behind its construction and wall time covers tasks only, as for the in-process models. A
     * workload that could not be built is reported by the tasks, each answering {@link Failed}.
     */
    record Configured() implements Frame {
        @Override
        public FrameType type() {
            return FrameType.CONFIGURED;
        }
    }

    /**
     * Maps the shared region the server made for this run (ipc.shared) into the workload that the
     * next {@link Configure} builds; its {@link Configured} answers both. Two numbers, never a path:
     * the worker forms the region's name itself (see {@code SharedRegion}).
     *
     * @param owner the pid of the server that made the region
     * @param token the random number the server named the region by
     */
    record Attach(long owner, long token) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.ATTACH;
        }
    }

    /**
     * Run tasks {@code first .. first + count - 1} in order and answer with one {@link Results}:
     * a chunk, like the chunksize of Python's {@code Pool.map}. A chunk is a range because the
     * pool hands out task indexes from one counter.
     */
    record Tasks(int first, int count) implements Frame {
        public Tasks {
            if (first < 0 || count < 1) {
                throw new IllegalArgumentException("a chunk needs first >= 0 and count >= 1, not " + first + ", " + count);
            }
        }

        @Override
        public FrameType type() {
            return FrameType.TASKS;
        }
    }

    /**
     * The records of one chunk, in task order.
     *
     * @param busyNanos the worker's own time from reading the {@link Tasks} frame to writing this
     *     one, so the server can tell the pipe's share of a round trip from the worker's
     * @param cpuNanos CPU time of the worker's task thread over the chunk, read once per chunk
     */
    record Results(long busyNanos, long cpuNanos, List<TaskRecord> records) implements Frame {
        public Results {
            records = List.copyOf(records);
        }

        @Override
        public FrameType type() {
            return FrameType.RESULTS;
        }
    }

    /** Task {@code index} threw; the rest of its chunk was not run. */
    record Failed(int index, String message) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.FAILED;
        }
    }

    /**
     * Asks for the observations of the workload the worker built at the last {@link Configure}; sent
     * only while no chunk is in flight, answered with {@link Observations}.
     */
    record Observe() implements Frame {
        @Override
        public FrameType type() {
            return FrameType.OBSERVE;
        }
    }

    /** A worker's workload observations, typed as the workload declared them; empty when no workload is built. */
    record Observations(org.concurrencylab.core.Observations values) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.OBSERVATIONS;
        }
    }

    /**
     * The bytes of one ipc.pipe message, sent as a {@link Ping} and echoed as a {@link Pong}. The
     * frame holds the array itself, not a copy (a copy of a 1 MiB payload would be timed as pipe
     * cost): nobody may change it once the frame is made. Equal by content, as a record of the bytes
     * would be if arrays compared so; shown by size, not bytes.
     */
    abstract sealed class Payload implements Frame permits Ping, Pong, Numbered {

        private final FrameType type;
        private final byte[] payload;

        private Payload(FrameType type, byte[] payload) {
            this.type = type;
            this.payload = payload;
        }

        @Override
        public FrameType type() {
            return type;
        }

        public byte[] payload() {
            return payload;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Payload that && type == that.type && java.util.Arrays.equals(payload, that.payload);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "[" + payload.length + " bytes]";
        }
    }

    /** One ipc.pipe message: the worker echoes {@code payload} back as a {@link Pong} at once. */
    final class Ping extends Payload {
        public Ping(byte[] payload) {
            super(FrameType.PING, payload);
        }
    }

    /** The echo of a {@link Ping}: the same bytes. */
    final class Pong extends Payload {
        public Pong(byte[] payload) {
            super(FrameType.PONG, payload);
        }
    }

    /**
     * An ipc.queue item on the wire, its id and its bytes: held, compared and shown as a
     * {@link Payload} is, the id first.
     */
    abstract sealed class Numbered extends Payload permits Put, Item {

        private final long id;

        private Numbered(FrameType type, long id, byte[] payload) {
            super(type, payload);
            this.id = id;
        }

        public long id() {
            return id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Numbered that && id == that.id && super.equals(other);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id) * 31 + super.hashCode();
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "[" + id + ", " + payload().length + " bytes]";
        }
    }

    /** ipc.manager: a call on the counter the server holds (a proxy's method call); answered with {@link Incremented}. */
    record Increment() implements Frame {
        @Override
        public FrameType type() {
            return FrameType.INCREMENT;
        }
    }

    /** The managed counter's value once the server applied an {@link Increment}. */
    record Incremented(long value) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.INCREMENTED;
        }
    }

    /**
     * ipc.queue: a producer puts item {@code id} into the queue the server holds; not answered, as
     * {@code multiprocessing.Queue.put} does not wait for a consumer. Holds the array itself, as {@link Ping}.
     */
    final class Put extends Numbered {
        public Put(long id, byte[] payload) {
            super(FrameType.PUT, id, payload);
        }
    }

    /** ipc.queue: a consumer asks for the next item; answered with an {@link Item}. */
    record Get() implements Frame {
        @Override
        public FrameType type() {
            return FrameType.GET;
        }
    }

    /** The answer to {@link Get}: an item, or {@link #END} once every item was handed out. */
    final class Item extends Numbered {

        /** The id of the end marker: the queue is closed, as a None a consumer stops at. */
        public static final long END = -1;

        public Item(long id, byte[] payload) {
            super(FrameType.ITEM, id, payload);
        }
    }
}
