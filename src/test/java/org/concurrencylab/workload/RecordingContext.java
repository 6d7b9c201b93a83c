package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.Workload;

/**
 * A context that counts what workload code asks of it, says when a task reached its first
 * checkpoint or blocking section, and can interrupt its own thread at the Nth checkpoint or
 * blocking section (so a test sees exactly where a task stops, without racing it).
 */
final class RecordingContext implements TaskContext {

    final AtomicInteger checkpoints = new AtomicInteger();
    final AtomicInteger blockingSections = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    private final int interruptAtCheckpoint;
    private final int interruptAtBlocking;

    private RecordingContext(int interruptAtCheckpoint, int interruptAtBlocking) {
        this.interruptAtCheckpoint = interruptAtCheckpoint;
        this.interruptAtBlocking = interruptAtBlocking;
    }

    static RecordingContext counting() {
        return new RecordingContext(0, 0);
    }

    /** Interrupts the task's thread inside its {@code n}th checkpoint. */
    static RecordingContext interruptingAtCheckpoint(int n) {
        return new RecordingContext(n, 0);
    }

    /** Interrupts the task's thread as its {@code n}th blocking section begins, before the section runs. */
    static RecordingContext interruptingAtBlocking(int n) {
        return new RecordingContext(0, n);
    }

    @Override
    public void checkpoint() {
        if (checkpoints.incrementAndGet() == interruptAtCheckpoint) {
            Thread.currentThread().interrupt();
        }
        started.countDown();
    }

    @Override
    public void blocking(BlockingSection section) throws InterruptedException {
        if (blockingSections.incrementAndGet() == interruptAtBlocking) {
            Thread.currentThread().interrupt();
        }
        started.countDown();
        section.run();
    }

    /**
     * Runs a task on its own thread, interrupts that thread from outside once the task reached a
     * checkpoint or blocking section, and returns what the task threw; fails if it did not end
     * within a generous bound.
     */
    static Throwable interruptFromOutside(Workload workload, int taskIndex) throws InterruptedException {
        RecordingContext context = counting();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("test-task").start(() -> {
            try {
                workload.runTask(taskIndex, context);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertThat(context.started.await(30, TimeUnit.SECONDS)).as("task started").isTrue();
        runner.interrupt();
        assertThat(runner.join(Duration.ofSeconds(10))).as("task ended after the interrupt").isTrue();
        return outcome.get();
    }
}
