package org.concurrencylab.interleavings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.junit.jupiter.api.Test;

/** "You are the scheduler": a given schedule replayed step by step, and the ones that cannot be. */
class InterleavingsReplayTest {

    private static final Setup COUNTER = Setup.resolve("counter.increment", 2, "none", null);
    private static final Setup LOCKED = Setup.resolve("counter.increment", 2, "lock", null);
    private static final Setup OPPOSITE = Setup.resolve("two-locks", 2, "lock", "opposite");

    @Test
    void aScheduleIsPlayedStepByStep() {
        Trace trace = Replay.replay(COUNTER, List.of(1, 2, 1, 2, 1, 2));
        assertThat(trace.steps()).extracting(Trace.TraceStep::thread).containsExactly(1, 2, 1, 2, 1, 2);
        assertThat(trace.steps()).extracting(Trace.TraceStep::step)
                .containsExactly("read", "read", "add", "add", "write", "write");
        assertThat(trace.steps().get(0).code()).isEqualTo("tmp = counter");
        assertThat(trace.steps().get(0).locals()).containsExactly(java.util.Map.of("tmp", 0), java.util.Map.of());
        assertThat(trace.steps().get(4).shared()).containsEntry("counter", 1);
        assertThat(trace.outcome()).isEqualTo("counter=1");
        assertThat(trace.correct()).isFalse();
        assertThat(trace.contextSwitches()).isEqualTo(5);
        assertThat(trace.runnable()).isEmpty();
        assertThat(trace.steps().get(0).locks()).isEmpty();
    }

    @Test
    void aScheduleMayStopEarly() {
        Trace trace = Replay.replay(LOCKED, List.of(1, 1));
        assertThat(trace.outcome()).isNull();
        assertThat(trace.correct()).isNull();
        assertThat(trace.runnable()).containsExactly(1);
        assertThat(trace.steps().getLast().locks()).containsEntry("lock", 1);
        assertThat(trace.steps().getLast().blocked()).containsExactly(2);
        assertThat(Replay.replay(LOCKED, List.of()).runnable()).containsExactly(1, 2);
    }

    @Test
    void aBlockedThreadCannotTakeAStep() {
        assertRefused(LOCKED, List.of(1, 2), "schedule[1]", "thread 2 is blocked", "acquires lock",
                "thread 1 holds", "threads that can step here: 1");
    }

    @Test
    void aFinishedThreadCannotTakeAStep() {
        assertRefused(COUNTER, List.of(1, 1, 1, 1), "schedule[3]", "thread 1 has already finished all 3 of its steps",
                "threads that can step here: 2");
        assertRefused(COUNTER, List.of(1, 1, 1, 2, 2, 2, 2), "schedule[6]", "every thread has finished");
    }

    @Test
    void afterADeadlockNoThreadCanStep() {
        Trace deadlock = Replay.replay(OPPOSITE, List.of(1, 2));
        assertThat(deadlock.outcome()).isEqualTo(Outcome.DEADLOCK);
        assertThat(deadlock.correct()).isFalse();
        assertRefused(OPPOSITE, List.of(1, 2, 1), "schedule[2]", "thread 1 is blocked", "lock_b", "thread 2 holds",
                "no thread can step: deadlock");
    }

    @Test
    void threadNumbersAreBounded() {
        assertRefused(COUNTER, List.of(1, 3), "schedule[1]", "must be a thread number from 1 to 2, was 3");
        assertRefused(COUNTER, List.of(0), "schedule[0]", "from 1 to 2, was 0");
        assertRefused(COUNTER, Arrays.asList(1, null), "schedule[1]", "was null");
        assertRefused(COUNTER, java.util.Collections.nCopies(101, 1), "schedule", "at most 100 positions");
    }

    private static void assertRefused(Setup setup, List<Integer> schedule, String field, String... words) {
        assertThatThrownBy(() -> Replay.replay(setup, schedule))
                .isInstanceOfSatisfying(InvalidSetupException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo(field);
                            assertThat(v.message()).contains(words);
                        }));
    }

    @Test
    void everyWrongFieldIsNamedWithWhatIsAllowed() {
        assertViolations(() -> Setup.resolve(null, null, null, null),
                new Violation("program", "is required: one of counter.increment, check-then-act, two-locks "
                        + "(GET /api/v1/catalog/interleavings)"));
        assertViolations(() -> Setup.resolve("counter.decrement", 4, "mutex", "sideways"),
                new Violation("program", "must be one of counter.increment, check-then-act, two-locks, was "
                        + "'counter.decrement'"),
                new Violation("threads", "must be 2 or 3, was 4"),
                new Violation("strategy", "must be one of none, lock, was 'mutex'"),
                new Violation("order", "must be one of opposite, consistent, was 'sideways'"));
        assertViolations(() -> Setup.resolve("counter.increment", 2, "lock", "opposite"),
                new Violation("order", "applies only to two-locks (the program with two locks); leave it out for "
                        + "counter.increment"));
        assertViolations(() -> Setup.resolve("two-locks", 2, "none", "consistent"),
                new Violation("order", "applies only with strategy lock: without locks there is no lock order"));
        assertThat(Setup.resolve(" Two-Locks ", 3, "LOCK", "Consistent"))
                .isEqualTo(new Setup(Program.TWO_LOCKS, 3, Strategy.LOCK, LockOrder.CONSISTENT));
    }

    private static void assertViolations(Runnable call, Violation... expected) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidSetupException.class,
                e -> assertThat(e.violations()).containsExactly(expected));
    }
}
