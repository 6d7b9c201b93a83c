package org.concurrencylab.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.concurrencylab.interleavings.Exploration;
import org.concurrencylab.interleavings.Outcome;
import org.concurrencylab.interleavings.Setup;
import org.concurrencylab.interleavings.Trace;

/** Every interleaving's outcome, the shortest failing schedule, and the replay of a given schedule. */
@Schema(description = "What every interleaving of the program came to. Threads are numbered from 1.")
record InterleavingsResponse(
        String program,
        int threads,
        String strategy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "two-locks with strategy lock only.")
        String order,
        @Schema(description = "The shared variables before any step.") Map<String, Integer> initial,
        @Schema(description = "The correct final state.", example = "counter=2") String expected,
        @Schema(description = "How many interleavings (maximal schedules) there are; each ends with every thread "
                + "finished or in a deadlock.", example = "20")
        long interleavings,
        @Schema(description = "How many of them end wrong, deadlocks included.", example = "18") long wrongInterleavings,
        @Schema(description = "How many of them end in DEADLOCK.", example = "0") long deadlocks,
        @Schema(description = "Each final state (or DEADLOCK) with its count; correct ones first.")
        List<OutcomeEntry> outcomes,
        @Schema(description = "The shortest schedule that ends wrong (fewest steps, then fewest context switches, "
                + "then the first in enumeration order); null when every interleaving is correct.")
        ScheduleEntry failingSchedule,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The request's schedule, step by step.")
        ScheduleEntry replay,
        @Schema(description = "The result in words.") String summary) {

    static InterleavingsResponse from(Exploration exploration, Trace replay) {
        Setup setup = exploration.setup();
        return new InterleavingsResponse(setup.program().id(), setup.threads(), setup.strategy().id(),
                setup.order() == null ? null : setup.order().id(), setup.program().initialValues(), exploration.expected(),
                exploration.interleavings(), exploration.wrongInterleavings(), exploration.deadlocks(),
                exploration.outcomes().stream().map(OutcomeEntry::from).toList(),
                ScheduleEntry.from(exploration.failingSchedule()), ScheduleEntry.from(replay), exploration.summary());
    }

    @Schema(name = "InterleavingsOutcome", description = "A final state and how many interleavings end in it.")
    record OutcomeEntry(
            @Schema(description = "The final shared values, or DEADLOCK.", example = "counter=1") String state,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The same by name; absent for DEADLOCK.")
            Map<String, Integer> shared,
            @Schema(description = "Interleavings that end here.") long count,
            boolean correct) {

        static OutcomeEntry from(Outcome outcome) {
            return new OutcomeEntry(outcome.state(), outcome.shared(), outcome.count(), outcome.correct());
        }
    }

    @Schema(name = "InterleavingsSchedule", description = "A schedule played step by step.")
    record ScheduleEntry(
            @Schema(description = "The thread that took each step.", example = "[1, 1, 2, 2, 2, 1]") List<Integer> schedule,
            int length,
            @Schema(description = "How often the running thread changed.") int contextSwitches,
            @Schema(description = "Where it ended (final shared values or DEADLOCK); null if threads could still step.")
            String outcome,
            @Schema(description = "Whether that outcome is correct; null while unfinished.") Boolean correct,
            @Schema(description = "Threads that could take the next step; empty once ended.") List<Integer> runnable,
            List<StepEntry> steps) {

        static ScheduleEntry from(Trace trace) {
            if (trace == null) {
                return null;
            }
            return new ScheduleEntry(trace.schedule(), trace.steps().size(), trace.contextSwitches(), trace.outcome(),
                    trace.correct(), trace.runnable(), trace.steps().stream().map(StepEntry::from).toList());
        }
    }

    @Schema(name = "InterleavingsStep", description = "The machine after one step.")
    record StepEntry(
            @Schema(description = "1 for the first step.") int position,
            int thread,
            @Schema(example = "read") String step,
            @Schema(example = "tmp = counter") String code,
            @Schema(description = "Shared values after the step.") Map<String, Integer> shared,
            @Schema(description = "The shared variables the step wrote, perhaps with the value they already had "
                    + "(the write that loses an update).")
            List<String> wrote,
            @Schema(description = "Each thread's locals after the step, thread 1 first; a local not yet set is absent.")
            List<Map<String, Integer>> locals,
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            @Schema(description = "With strategy lock: the thread holding each lock, null when free.")
            Map<String, Integer> locks,
            @Schema(description = "Threads that cannot step now: the lock their next step needs is held.")
            List<Integer> blocked) {

        static StepEntry from(Trace.TraceStep step) {
            return new StepEntry(step.position(), step.thread(), step.step(), step.code(), step.shared(), step.wrote(),
                    step.locals(), step.locks(), step.blocked());
        }
    }
}
