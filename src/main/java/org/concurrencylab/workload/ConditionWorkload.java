package org.concurrencylab.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code sync.condition}: task 0 produces the ids 0..items-1 into a ring buffer of
 * {@code capacity} slots, task 1 consumes them, coordinated by one {@link ReentrantLock} and two
 * {@link Condition}s, as Python's {@code threading.Condition}. No queue class: this is what one
 * does inside.
 *
 * <p>Shared: the buffer and its counters, all guarded by the lock, and the consumer's count of how
 * often it took each id (loss and duplication are checked, not assumed). Each side waits in a
 * {@code while} loop, as a condition must be re-checked after every wake-up; a wake-up that finds it
 * still false is counted in {@code spuriousWakeups}. The lock is taken with a non-blocking try
 * first and waited for in a blocking section only when contended, so under an emulated GIL no
 * thread ever waits for the lock while holding the GIL. Each task returns how many items it handled,
 * so the checksum is twice {@code items}.
 */
final class ConditionWorkload implements Workload {

    private final int items;
    private final int capacity;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    // Guarded by lock.
    private final int[] buffer;
    private int head;
    private int tail;
    private int count;
    private long produced;
    private long consumed;
    private long producerWaits;
    private long consumerWaits;
    private long spuriousWakeups;
    // Written by the consumer only; read once both tasks ended.
    private final int[] taken;

    ConditionWorkload(int items, int capacity) {
        this.items = items;
        this.capacity = capacity;
        this.buffer = new int[capacity];
        this.taken = new int[items];
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        return taskIndex == 0 ? produce(context) : consume(context);
    }

    private long produce(TaskContext context) throws InterruptedException {
        for (int id = 0; id < items; id++) {
            enter(context);
            try {
                while (count == capacity) {
                    producerWaits++;
                    context.blocking(notFull::await);
                    if (count == capacity) {
                        spuriousWakeups++;
                    }
                }
                buffer[tail] = id;
                tail = (tail + 1) % capacity;
                count++;
                produced++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
            context.checkpoint();
        }
        return items;
    }

    private long consume(TaskContext context) throws InterruptedException {
        for (int i = 0; i < items; i++) {
            int id;
            enter(context);
            try {
                while (count == 0) {
                    consumerWaits++;
                    context.blocking(notEmpty::await);
                    if (count == 0) {
                        spuriousWakeups++;
                    }
                }
                id = buffer[head];
                head = (head + 1) % capacity;
                count--;
                consumed++;
                notFull.signal();
            } finally {
                lock.unlock();
            }
            taken[id]++;
            context.checkpoint();
        }
        return items;
    }

    private void enter(TaskContext context) throws InterruptedException {
        if (!lock.tryLock()) {
            context.blocking(lock::lockInterruptibly);
        }
    }

    @Override
    public Map<String, Object> observations() {
        long lost = 0;
        long duplicated = 0;
        for (int times : taken) {
            if (times == 0) {
                lost++;
            } else {
                duplicated += times - 1;
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        lock.lock();
        try {
            o.put("produced", produced);
            o.put("consumed", consumed);
            o.put("lost", lost);
            o.put("duplicated", duplicated);
            o.put("producerWaits", producerWaits);
            o.put("consumerWaits", consumerWaits);
            o.put("spuriousWakeups", spuriousWakeups);
            o.put("capacity", capacity);
        } finally {
            lock.unlock();
        }
        return o;
    }
}
