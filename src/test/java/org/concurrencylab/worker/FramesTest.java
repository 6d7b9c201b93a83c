package org.concurrencylab.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.TaskRecord;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void everyFrameTypeSurvivesARoundTrip() throws IOException {
        Map<String, Long> params = new LinkedHashMap<>();
        params.put("size", 20_000L);
        params.put("seed", -7L);
        // Descriptions stay with the declarations; the wire carries name, unit, aggregation and value.
        Observations observations = Observations.builder()
                .put(Metric.count("requestsSent", "requests", Aggregation.SUM, ""), 12L)
                .put(Metric.real("piEstimate", "", Aggregation.DERIVED, ""), 3.14)
                .put(Metric.text("outcome", Aggregation.SAME, ""), "DEADLOCKED é")
                .put(Metric.flag("aotCache", ""), true)
                .build();
        List<Frame> frames = List.of(
                new Frame.Ready(4242),
                new Frame.Configure("cpu.primes", params),
                new Frame.Tasks(17, 2),
                new Frame.Results(
                        900, 180, List.of(new TaskRecord(17, 100, 250, Long.MAX_VALUE), new TaskRecord(18, 250, 300, 3))),
                new Frame.Failed(3, "java.lang.IllegalStateException: boom é"),
                new Frame.Configured(),
                new Frame.Observe(),
                new Frame.Observations(observations),
                new Frame.Ping(new byte[] {1, 2, 3, -128}),
                new Frame.Pong(new byte[0]),
                new Frame.Attach(4242, Long.MAX_VALUE),
                new Frame.Increment(),
                new Frame.Incremented(-3),
                new Frame.Put(99, new byte[] {9, 8}),
                new Frame.Get(),
                new Frame.Item(Frame.Item.END, new byte[0]));
        assertThat(frames).extracting(Frame::type).containsExactlyInAnyOrder(FrameType.values());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Frame frame : frames) {
            Frames.write(out, frame);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (Frame frame : frames) {
            assertThat(Frames.read(in)).isEqualTo(frame);
        }
        assertThatThrownBy(() -> Frames.read(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void configureKeepsParamOrder() throws IOException {
        Map<String, Long> params = new LinkedHashMap<>();
        params.put("b", 1L);
        params.put("a", 2L);
        Frame.Configure read = (Frame.Configure) roundTrip(new Frame.Configure("x", params));
        assertThat(read.params().keySet()).containsExactly("b", "a");
    }

    @Test
    void aLongFailureMessageIsCutNotRejected() throws IOException {
        String message = "x".repeat(100_000);
        Frame.Failed read = (Frame.Failed) roundTrip(new Frame.Failed(1, message));
        assertThat(read.message()).startsWith("xxx").hasSizeLessThan(Frames.MAX_MESSAGE_CHARS + 10);
    }

    @Test
    void textOnTheStreamIsAClearProtocolError() {
        byte[] text = "Error: Could not find or load main class".getBytes();
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(text))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("0x45")
                .hasMessageContaining("frame type");
    }

    @Test
    void readyWithAnotherMagicOrVersionIsRejected() throws IOException {
        byte[] ready = encode(new Frame.Ready(1));
        byte[] badMagic = Arrays.copyOf(ready, ready.length);
        badMagic[1] ^= 0x55;
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(badMagic))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("not a Concurrency Lab worker");

        byte[] badVersion = Arrays.copyOf(ready, ready.length);
        badVersion[6] = (byte) (Frames.VERSION + 1);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(badVersion))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("protocol version");
    }

    @Test
    void aFrameCutShortIsAnEndOfStream() throws IOException {
        byte[] result = encode(new Frame.Results(7, 6, List.of(new TaskRecord(1, 2, 3, 5))));
        byte[] cut = Arrays.copyOf(result, result.length - 3);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(cut))))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void anAbsurdParamCountIsRejectedBeforeAllocating() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(FrameType.CONFIGURE.code());
        out.writeUTF("cpu.primes");
        out.writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("params");
    }

    @Test
    void anAbsurdChunkIsRejectedBeforeAllocating() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(FrameType.RESULTS.code());
        out.writeLong(0); // busy
        out.writeLong(0); // CPU
        out.writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("records");

        ByteArrayOutputStream tasks = new ByteArrayOutputStream();
        DataOutputStream tasksOut = new DataOutputStream(tasks);
        tasksOut.writeByte(FrameType.TASKS.code());
        tasksOut.writeInt(0);
        tasksOut.writeInt(0);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(tasks.toByteArray()))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("count 0");
    }

    @Test
    void theCodesOfVersionOneTaskAndResultAreNotReused() {
        assertThat(FrameType.values()).extracting(FrameType::code).doesNotContain((byte) 3, (byte) 4);
    }

    private static Frame roundTrip(Frame frame) throws IOException {
        return Frames.read(new DataInputStream(new ByteArrayInputStream(encode(frame))));
    }

    private static byte[] encode(Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Frames.write(new DataOutputStream(bytes), frame);
        return bytes.toByteArray();
    }

    @Test
    void observationsTravelTypedWithTheirUnitAndAggregation() throws IOException {
        Observations sent = Observations.builder()
                .put(Metric.count("peak", "workers", Aggregation.MAX, "most at once"), 7)
                .put(Metric.real("ratio", "", Aggregation.MEAN, "a share"), 0.5)
                .put(Metric.text("order", Aggregation.SAME, "who went first"), "a, b")
                .put(Metric.flag("ok", "whether it held"), false)
                .build();
        Frame.Observations read = (Frame.Observations) roundTrip(new Frame.Observations(sent));

        assertThat(read.values().plain()).containsExactly(
                Map.entry("ok", false), Map.entry("order", "a, b"), Map.entry("peak", 7L), Map.entry("ratio", 0.5));
        assertThat(read.values().all()).extracting(o -> o.metric().getClass(), o -> o.metric().unit(),
                        o -> o.metric().aggregation())
                .containsExactly(
                        tuple(Metric.Flag.class, "", Aggregation.SAME),
                        tuple(Metric.Text.class, "", Aggregation.SAME),
                        tuple(Metric.Count.class, "workers", Aggregation.MAX),
                        tuple(Metric.Real.class, "", Aggregation.MEAN));
        // Typed on arrival: a count reads back as a count, a real as a real.
        assertThat(read.values().get(Metric.count("peak", "workers", Aggregation.MAX, ""))).hasValue(7);
        assertThat(read.values().get(Metric.real("ratio", "", Aggregation.MEAN, ""))).hasValue(0.5);
        assertThat(read.values().get(Metric.text("order", Aggregation.SAME, ""))).hasValue("a, b");
    }

    @Test
    void noObservationsTravelAsNone() throws IOException {
        assertThat(((Frame.Observations) roundTrip(new Frame.Observations(Observations.NONE))).values().isEmpty())
                .isTrue();
    }

    @Test
    void aPingCarriesItsBytesExactlyAndAnOversizedOneIsRejected() throws IOException {
        byte[] payload = new byte[Frames.MAX_PAYLOAD];
        Arrays.fill(payload, (byte) 0x5A);
        payload[payload.length - 1] = 1;
        assertThat(((Frame.Pong) roundTrip(new Frame.Pong(payload))).payload()).isEqualTo(payload);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(FrameType.PING.code());
        out.writeInt(Frames.MAX_PAYLOAD + 1);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("PING");
    }

    @Test
    void anObservationOfAnUnknownValueTypeIsAProtocolError() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(FrameType.OBSERVATIONS.code());
        out.writeInt(1);
        out.writeUTF("x");
        out.writeUTF("");
        out.writeByte(Aggregation.SUM.ordinal());
        out.writeByte('Q');
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("value type");
    }

    @Test
    void anObservationOfAnUnknownAggregationIsAProtocolError() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(FrameType.OBSERVATIONS.code());
        out.writeInt(1);
        out.writeUTF("x");
        out.writeUTF("");
        out.writeByte(Aggregation.values().length);
        out.writeByte('J');
        out.writeLong(1);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("aggregation");
    }

    @Test
    void anAbsurdObservationCountIsRejectedBeforeAllocating() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(FrameType.OBSERVATIONS.code());
        out.writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("OBSERVATIONS");
    }
}
