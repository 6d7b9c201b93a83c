package org.concurrencylab.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.workload.TaskRecord;

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
     */
    record Results(long busyNanos, List<TaskRecord> records) implements Frame {
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
}
