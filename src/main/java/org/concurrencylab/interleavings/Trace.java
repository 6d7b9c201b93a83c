package org.concurrencylab.interleavings;

import java.util.List;
import java.util.Map;

/**
 * A schedule played step by step. Threads are numbered from 1, as people count them.
 *
 * @param schedule the thread that took each step, in order
 * @param outcome where the schedule ended ("counter=1" or DEADLOCK); null if threads could still step
 * @param correct whether that outcome is correct; null while unfinished
 * @param contextSwitches how often the running thread changed
 * @param runnable the threads that could take the next step (empty once ended)
 */
public record Trace(List<Integer> schedule, List<TraceStep> steps, String outcome, Boolean correct,
        int contextSwitches, List<Integer> runnable) {

    /**
     * The machine after one step.
     *
     * @param position 1 for the first step
     * @param step the step's name ("read"), {@code code} the line it stands for ("tmp = counter")
     * @param shared the shared values after the step
     * @param wrote the shared variables the step wrote (perhaps with the value they already had)
     * @param locals each thread's locals after the step (thread 1 first); a local not yet set is absent
     * @param locks who holds each lock (thread number, or null when free); empty without locks
     * @param blocked threads that cannot step now because the lock they need next is held
     */
    public record TraceStep(int position, int thread, String step, String code, Map<String, Integer> shared,
            List<String> wrote, List<Map<String, Integer>> locals, Map<String, Integer> locks, List<Integer> blocked) {}
}
