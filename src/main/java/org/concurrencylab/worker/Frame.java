package org.concurrencylab.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    record Task(int index) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.TASK;
        }
    }

    record Result(TaskRecord record) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.RESULT;
        }
    }

    record Failed(int index, String message) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.FAILED;
        }
    }
}
