package org.concurrencylab.worker;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observation;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Value;

/**
 * Encodes and decodes {@link Frame}s: a type byte, then the fields in a fixed order with
 * {@link DataOutput}'s big-endian encodings. Typed frames rather than text lines, so a result is
 * never scraped out of output that something else may also write to.
 */
public final class Frames {

    /** "CLAB": the first thing a worker says, so a stream from any other program fails clearly. */
    public static final int MAGIC = 0x434C4142;

    /** Bumped on any change to the encoding; a worker jar is built from the server's own classes. */
    public static final short VERSION = 4;

    /** More tasks than any experiment may have in one chunk means a corrupt stream. */
    static final int MAX_CHUNK = 1 << 20;

    /** A catalog workload has a handful of params; more means a corrupt or hostile stream. */
    static final int MAX_PARAMS = 64;

    /** A workload reports a handful of observations; more means a corrupt or hostile stream. */
    static final int MAX_OBSERVATIONS = 256;

    /** The largest ipc.pipe (or ipc.queue) payload the catalog allows (1 MiB). */
    public static final int MAX_PAYLOAD = 1 << 20;

    // The value tags of an OBSERVATIONS entry.
    private static final byte LONG = 'J';
    private static final byte DOUBLE = 'D';
    private static final byte STRING = 'S';
    private static final byte BOOLEAN = 'Z';

    /** {@link DataOutput#writeUTF} holds at most 65535 bytes; messages are cut well below that. */
    static final int MAX_MESSAGE_CHARS = 4000;

    private Frames() {}

    public static void write(DataOutput out, Frame frame) throws IOException {
        out.writeByte(frame.type().code());
        // A switch on the type enum and casts, not a pattern switch on the frame: a pattern switch
        // is linked at first use by SwitchBootstraps, which generates a class at run time (tens of
        // milliseconds on a fresh JVM, and an AOT cache does not keep it), and a worker pays that
        // before it can say READY. An enum switch compiles to a plain table.
        switch (frame.type()) {
            case READY -> {
                out.writeInt(MAGIC);
                out.writeShort(VERSION);
                out.writeLong(((Frame.Ready) frame).pid());
            }
            case CONFIGURE -> {
                Frame.Configure configure = (Frame.Configure) frame;
                out.writeUTF(configure.kindId());
                out.writeInt(configure.params().size());
                for (Map.Entry<String, Long> param : configure.params().entrySet()) {
                    out.writeUTF(param.getKey());
                    out.writeLong(param.getValue());
                }
            }
            case TASKS -> {
                Frame.Tasks tasks = (Frame.Tasks) frame;
                out.writeInt(tasks.first());
                out.writeInt(tasks.count());
            }
            case RESULTS -> {
                Frame.Results results = (Frame.Results) frame;
                out.writeLong(results.busyNanos());
                out.writeLong(results.cpuNanos());
                out.writeInt(results.records().size());
                for (TaskRecord record : results.records()) {
                    out.writeInt(record.index());
                    out.writeLong(record.startNanos());
                    out.writeLong(record.endNanos());
                    out.writeLong(record.checksum());
                }
            }
            case FAILED -> {
                Frame.Failed failed = (Frame.Failed) frame;
                out.writeInt(failed.index());
                out.writeUTF(truncate(failed.message()));
            }
            case CONFIGURED, OBSERVE -> {
                // The type byte says it all.
            }
            case OBSERVATIONS -> {
                Frame.Observations observations = (Frame.Observations) frame;
                out.writeInt(observations.values().all().size());
                for (Observation observation : observations.values().all()) {
                    Metric metric = observation.metric();
                    out.writeUTF(metric.name());
                    out.writeUTF(metric.unit());
                    out.writeByte(metric.aggregation().ordinal());
                    writeValue(out, observation.value());
                }
            }
            case PING -> writePayload(out, ((Frame.Ping) frame).payload());
            case PONG -> writePayload(out, ((Frame.Pong) frame).payload());
            case ATTACH -> {
                Frame.Attach attach = (Frame.Attach) frame;
                out.writeLong(attach.owner());
                out.writeLong(attach.token());
            }
            case INCREMENT, GET -> {
                // The type byte says it all.
            }
            case INCREMENTED -> out.writeLong(((Frame.Incremented) frame).value());
            case PUT -> {
                Frame.Put put = (Frame.Put) frame;
                out.writeLong(put.id());
                writePayload(out, put.payload());
            }
            case ITEM -> {
                Frame.Item item = (Frame.Item) frame;
                out.writeLong(item.id());
                writePayload(out, item.payload());
            }
        }
    }

    /**
     * Writes {@code frame} and flushes it, holding the stream's lock: a worker's main thread, its
     * task thread and a task's calls to the server all write to the one stdout.
     */
    static void send(DataOutputStream out, Frame frame) throws IOException {
        synchronized (out) {
            write(out, frame);
            out.flush();
        }
    }

    /** The value's tag, then the value; instanceof tests for the reason write() has no pattern switch. */
    private static void writeValue(DataOutput out, Value value) throws IOException {
        if (value instanceof Value.Count count) {
            out.writeByte(LONG);
            out.writeLong(count.value());
        } else if (value instanceof Value.Real real) {
            out.writeByte(DOUBLE);
            out.writeDouble(real.value());
        } else if (value instanceof Value.Flag flag) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(flag.value());
        } else {
            out.writeByte(STRING);
            out.writeUTF(truncate(((Value.Text) value).value()));
        }
    }

    /** One observation as {@link #writeValue} and its caller wrote it: the tag says which kind of metric. */
    private static Observation readObservation(DataInput in) throws IOException {
        String name = in.readUTF();
        String unit = in.readUTF();
        int policy = in.readUnsignedByte();
        Aggregation[] policies = Aggregation.values();
        if (policy >= policies.length) {
            throw new FrameException("OBSERVATIONS entry " + name + " has aggregation " + policy);
        }
        Aggregation aggregation = policies[policy];
        byte tag = in.readByte();
        return switch (tag) {
            case LONG -> new Observation(new Metric.Count(name, unit, aggregation, ""), new Value.Count(in.readLong()));
            case DOUBLE -> new Observation(new Metric.Real(name, unit, aggregation, ""), new Value.Real(in.readDouble()));
            case BOOLEAN -> new Observation(new Metric.Flag(name, unit, aggregation, ""), new Value.Flag(in.readBoolean()));
            case STRING -> new Observation(new Metric.Text(name, unit, aggregation, ""), new Value.Text(in.readUTF()));
            default -> throw new FrameException(String.format(
                    "OBSERVATIONS entry %s has value type 0x%02x (expected J, D, S or Z)", name, tag));
        };
    }

    /**
     * Reads the next frame.
     *
     * @throws EOFException if the stream ends, before or inside a frame (the peer closed its end)
     * @throws FrameException if the bytes are not a frame of this protocol version
     */
    public static Frame read(DataInput in) throws IOException {
        FrameType type = FrameType.of(in.readUnsignedByte());
        return switch (type) {
            case READY -> {
                int magic = in.readInt();
                if (magic != MAGIC) {
                    throw new FrameException(String.format(
                            "bad magic 0x%08x in READY (expected 0x%08x): not a Concurrency Lab worker", magic, MAGIC));
                }
                short version = in.readShort();
                if (version != VERSION) {
                    throw new FrameException(
                            "worker speaks protocol version " + version + ", this side speaks " + VERSION);
                }
                yield new Frame.Ready(in.readLong());
            }
            case CONFIGURE -> {
                String kindId = in.readUTF();
                int count = in.readInt();
                if (count < 0 || count > MAX_PARAMS) {
                    throw new FrameException("CONFIGURE with " + count + " params (at most " + MAX_PARAMS + ")");
                }
                Map<String, Long> params = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    params.put(in.readUTF(), in.readLong());
                }
                yield new Frame.Configure(kindId, params);
            }
            case TASKS -> {
                int first = in.readInt();
                int count = in.readInt();
                if (first < 0 || count < 1 || count > MAX_CHUNK) {
                    throw new FrameException("TASKS from " + first + " with count " + count
                            + " (first >= 0, count 1.." + MAX_CHUNK + ")");
                }
                yield new Frame.Tasks(first, count);
            }
            case RESULTS -> {
                long busyNanos = in.readLong();
                long cpuNanos = in.readLong();
                int count = in.readInt();
                if (count < 0 || count > MAX_CHUNK) {
                    throw new FrameException("RESULTS with " + count + " records (at most " + MAX_CHUNK + ")");
                }
                List<TaskRecord> records = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    records.add(new TaskRecord(in.readInt(), in.readLong(), in.readLong(), in.readLong()));
                }
                yield new Frame.Results(busyNanos, cpuNanos, records);
            }
            case FAILED -> new Frame.Failed(in.readInt(), in.readUTF());
            case CONFIGURED -> new Frame.Configured();
            case OBSERVE -> new Frame.Observe();
            case OBSERVATIONS -> {
                int count = in.readInt();
                if (count < 0 || count > MAX_OBSERVATIONS) {
                    throw new FrameException(
                            "OBSERVATIONS with " + count + " entries (at most " + MAX_OBSERVATIONS + ")");
                }
                List<Observation> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(readObservation(in));
                }
                yield new Frame.Observations(Observations.of(values));
            }
            case PING -> new Frame.Ping(readPayload(in, type));
            case PONG -> new Frame.Pong(readPayload(in, type));
            case ATTACH -> new Frame.Attach(in.readLong(), in.readLong());
            case INCREMENT -> new Frame.Increment();
            case INCREMENTED -> new Frame.Incremented(in.readLong());
            case GET -> new Frame.Get();
            case PUT -> new Frame.Put(in.readLong(), readPayload(in, type));
            case ITEM -> new Frame.Item(in.readLong(), readPayload(in, type));
        };
    }

    private static void writePayload(DataOutput out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
    }

    private static byte[] readPayload(DataInput in, FrameType type) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new FrameException(type + " with a payload of " + length + " bytes (at most " + MAX_PAYLOAD + ")");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    private static String truncate(String message) {
        String text = message == null ? "(no message)" : message;
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
