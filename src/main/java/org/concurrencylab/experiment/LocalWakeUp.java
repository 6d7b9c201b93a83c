package org.concurrencylab.experiment;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * A {@link WakeUp} signalled from inside this JVM: by this node's own submits and finished runs,
 * and on PostgreSQL by other nodes' submits ({@link QueueNotifications}).
 */
@Component
final class LocalWakeUp implements WakeUp {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean signalled;

    @Override
    public void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            // The loop absorbs spurious wake-ups; a signal given before the wait began counts.
            while (!signalled && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }
}
