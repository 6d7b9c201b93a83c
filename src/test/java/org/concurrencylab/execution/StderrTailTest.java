package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A worker's stderr is read whatever it writes, at a bounded cost: lines cut, the whole capped. */
class StderrTailTest {

    @Test
    void keepsTheLastLinesEachCutToItsBound() throws Exception {
        Process process = new ProcessBuilder("sh", "-c",
                "for i in $(seq 1 30); do echo line $i >&2; done; head -c 2000 /dev/zero | tr '\\0' x >&2").start();
        StderrTail tail = drained(process, 1 << 20);

        String[] lines = tail.tail().split("\n");
        assertThat(lines).hasSize(StderrTail.MAX_LINES);
        assertThat(lines[0]).isEqualTo("line 12");
        assertThat(lines[StderrTail.MAX_LINES - 2]).isEqualTo("line 30");
        assertThat(lines[StderrTail.MAX_LINES - 1]).isEqualTo("x".repeat(StderrTail.MAX_LINE_CHARS) + "...");
        assertThat(tail.overflowed()).isFalse();
    }

    @Test
    void aProcessThatWritesMoreThanItMayIsKilled() throws Exception {
        // Without end and without a newline: neither the line nor the whole may cost more than the bounds.
        Process process = new ProcessBuilder("sh", "-c", "exec tr '\\0' x < /dev/zero >&2").start();
        StderrTail tail = drained(process, 64 << 10);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
        assertThat(tail.overflowed()).isTrue();
        assertThat(tail.tail()).hasSize(StderrTail.MAX_LINE_CHARS + 3);
    }

    private static StderrTail drained(Process process, long maxBytes) throws Exception {
        process.getOutputStream().close();
        StderrTail tail = StderrTail.drain(process, maxBytes);
        process.waitFor(30, TimeUnit.SECONDS);
        tail.join(Duration.ofSeconds(10));
        return tail;
    }
}
