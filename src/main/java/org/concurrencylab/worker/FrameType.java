package org.concurrencylab.worker;

/** The first byte of every frame. Codes are part of the protocol: never renumber them. */
enum FrameType {
    /** worker -> server, once, first: magic, protocol version, pid. */
    READY(1),
    /** server -> worker, once, before any task: the workload's kind id and params. */
    CONFIGURE(2),
    // 3 and 4 were TASK and RESULT (one task per frame) in protocol version 1; never reuse them.
    /** worker -> server: a task threw; carries its index and message. */
    FAILED(5),
    /** server -> worker: run a chunk of tasks (first index, count). */
    TASKS(6),
    /** worker -> server: the records of a chunk and the worker's time spent on it. */
    RESULTS(7),
    /** worker -> server: a CONFIGURE is done; the workload is built (or every task will answer FAILED). */
    CONFIGURED(8),
    /** server -> worker, once a worker has run its last chunk: report the workload's observations. */
    OBSERVE(9),
    /** worker -> server: the workload's observations, name -> typed value (long, double, string, boolean). */
    OBSERVATIONS(10),
    /** server -> worker: a message of ipc.pipe, to be echoed back unchanged. */
    PING(11),
    /** worker -> server: the bytes of a PING, echoed. */
    PONG(12),
    /** server -> worker, before CONFIGURE: map the run's shared region (owner pid, token); not answered itself. */
    ATTACH(13),
    /** worker -> server, inside a chunk (ipc.manager): a call on the managed counter. */
    INCREMENT(14),
    /** server -> worker: the managed counter's value after an INCREMENT. */
    INCREMENTED(15),
    /** worker -> server, inside a chunk (ipc.queue): an item id and payload put into the server's queue; not answered. */
    PUT(16),
    /** worker -> server, inside a chunk (ipc.queue): take the next item. */
    GET(17),
    /** server -> worker: the answer to GET, an item id (-1: the queue is closed) and payload. */
    ITEM(18);

    private final byte code;

    FrameType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The type with this code, or a {@link FrameException} naming the byte that was read instead. */
    static FrameType of(int code) throws FrameException {
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new FrameException(String.format(
                "read byte 0x%02x where a frame type was expected: something other than the worker "
                        + "protocol is on this stream",
                code & 0xFF));
    }
}
