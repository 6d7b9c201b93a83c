package org.concurrencylab.interleavings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The explorer's counts checked against combinatorics, and the lessons the issue names. */
class InterleavingsExplorerTest {

    private static final Explorer EXPLORER = new Explorer(Explorer.DEFAULT_LIMIT);

    /**
     * Without locks nothing blocks, so every interleaving of n threads of k steps is an arrangement
     * of the multiset {1^k, ..., n^k}: (nk)! / (k!)^n. With one lock around the whole body the threads
     * run one after another: n!. Two locks by hand: consistent order serialises (2 for 2 threads);
     * opposite order gives 2 deadlocks (each takes its first lock) and 2 x 2 complete runs (whoever
     * gets both first; the other may take its first lock before or after the last release).
     */
    @ParameterizedTest(name = "{0} {1} threads {2} {3}: {4}")
    @CsvSource(nullValues = "-", value = {
        "counter.increment, 2, none, -, 20",
        "counter.increment, 3, none, -, 1680",
        "counter.increment, 2, lock, -, 2",
        "counter.increment, 3, lock, -, 6",
        "check-then-act, 2, none, -, 20",
        "check-then-act, 3, none, -, 1680",
        "check-then-act, 3, lock, -, 6",
        "two-locks, 2, none, -, 70",
        "two-locks, 3, none, -, 34650",
        "two-locks, 2, lock, consistent, 2",
        "two-locks, 3, lock, consistent, 6",
        "two-locks, 2, lock, opposite, 6"})
    void countsMatchCombinatorics(String program, int threads, String strategy, String order, long expected) {
        Setup setup = Setup.resolve(program, threads, strategy, order);
        assertThat(Explorer.count(setup)).isEqualTo(expected);
        Exploration exploration = EXPLORER.explore(setup);
        assertThat(exploration.interleavings()).isEqualTo(expected);
        assertThat(exploration.outcomes().stream().mapToLong(Outcome::count).sum()).isEqualTo(expected);
    }

    @Test
    void withoutLocksTheCountIsTheMultinomial() {
        assertThat(multinomial(2, 3)).isEqualTo(20);
        assertThat(multinomial(3, 3)).isEqualTo(1680);
        assertThat(multinomial(3, 4)).isEqualTo(34650);
    }

    @Test
    void counterIncrementWithoutALockLosesUpdates() {
        Exploration e = EXPLORER.explore(Setup.resolve("counter.increment", 2, "none", null));
        assertThat(e.outcomes()).extracting(Outcome::state, Outcome::count, Outcome::correct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("counter=2", 2L, true),
                        org.assertj.core.groups.Tuple.tuple("counter=1", 18L, false));
        Trace failing = e.failingSchedule();
        // Shortest, then fewest switches, then first in enumeration order: T1 reads and adds, T2 runs whole, T1 writes.
        assertThat(failing.schedule()).containsExactly(1, 1, 2, 2, 2, 1);
        assertThat(failing.contextSwitches()).isEqualTo(2);
        assertThat(failing.outcome()).isEqualTo("counter=1");
        assertThat(failing.correct()).isFalse();
        assertThat(failing.steps().get(3).shared()).containsEntry("counter", 0);
        assertThat(failing.steps().get(4).shared()).containsEntry("counter", 1);
        assertThat(failing.steps().get(4).locals().get(0)).containsEntry("tmp", 1);
        // The losing write: thread 1 writes 1 over the 1 thread 2 wrote.
        assertThat(failing.steps().getLast().step()).isEqualTo("write");
        assertThat(failing.steps().getLast().wrote()).containsExactly("counter");
        assertThat(failing.steps().getLast().shared()).containsEntry("counter", 1);
        assertThat(failing.steps().get(0).wrote()).isEmpty();
        assertThat(e.summary()).contains("18 of 20 interleavings end wrong", "expected counter=2");
    }

    @Test
    void withThreeThreadsOnlyTheSerialSchedulesAreCorrect() {
        Exploration e = EXPLORER.explore(Setup.resolve("counter.increment", 3, "none", null));
        assertThat(e.outcomes()).extracting(Outcome::state)
                .containsExactly("counter=3", "counter=1", "counter=2");
        assertThat(e.outcomes().getFirst().count()).isEqualTo(6);
        assertThat(e.wrongInterleavings()).isEqualTo(1680 - 6);
    }

    @Test
    void aLockMakesEveryInterleavingCorrect() {
        for (String program : List.of("counter.increment", "check-then-act")) {
            for (int threads = 2; threads <= 3; threads++) {
                Exploration e = EXPLORER.explore(Setup.resolve(program, threads, "lock", null));
                assertThat(e.failingSchedule()).as(program).isNull();
                assertThat(e.outcomes()).hasSize(1).allMatch(Outcome::correct);
                assertThat(e.summary()).startsWith("All ");
            }
        }
    }

    @Test
    void checkThenActWithoutALockInitialisesTwice() {
        Exploration e = EXPLORER.explore(Setup.resolve("check-then-act", 2, null, null));
        assertThat(e.setup().strategy()).isEqualTo(Strategy.NONE);
        assertThat(e.outcomes()).extracting(Outcome::state)
                .containsExactly("instance=1, created=1", "instance=1, created=2", "instance=2, created=2");
        // Both check before either publishes: each makes its own object.
        assertThat(e.failingSchedule().schedule()).containsExactly(1, 1, 2, 2, 2, 1);
        assertThat(e.failingSchedule().outcome()).isEqualTo("instance=1, created=2");
        assertThat(e.failingSchedule().steps().getLast().locals())
                .containsExactly(java.util.Map.of("seen", 0, "mine", 1), java.util.Map.of("seen", 0, "mine", 2));
    }

    @Test
    void twoLocksInOppositeOrderDeadlock() {
        for (int threads = 2; threads <= 3; threads++) {
            Exploration e = EXPLORER.explore(Setup.resolve("two-locks", threads, "lock", "opposite"));
            assertThat(e.outcomes().getLast().state()).isEqualTo(Outcome.DEADLOCK);
            assertThat(e.outcomes().getLast().shared()).isNull();
            assertThat(e.deadlocks()).isPositive();
            assertThat(e.failingSchedule().outcome()).isEqualTo(Outcome.DEADLOCK);
            assertThat(e.failingSchedule().schedule()).containsExactly(1, 2);
            assertThat(e.summary()).contains("interleavings deadlock", "after 2 steps and 1 context switch;");
            assertThat(e.failingSchedule().steps().getLast().locks()).containsEntry("lock_a", 1).containsEntry("lock_b", 2);
            assertThat(e.failingSchedule().steps().getLast().blocked()).contains(1, 2);
        }
        Exploration two = EXPLORER.explore(Setup.resolve("two-locks", 2, null, null));
        assertThat(two.setup().order()).isEqualTo(LockOrder.OPPOSITE);
        assertThat(two.deadlocks()).isEqualTo(2);
        assertThat(two.outcomes().getFirst()).isEqualTo(new Outcome("a=10, b=10",
                java.util.Map.of("a", 10, "b", 10), 4, true));
    }

    @Test
    void twoLocksInOneConsistentOrderNeverDeadlock() {
        for (int threads = 2; threads <= 3; threads++) {
            Exploration e = EXPLORER.explore(Setup.resolve("two-locks", threads, "lock", "consistent"));
            assertThat(e.deadlocks()).isZero();
            assertThat(e.failingSchedule()).isNull();
        }
    }

    @Test
    void twoLocksWithoutLocksLoseTransfers() {
        Exploration e = EXPLORER.explore(Setup.resolve("two-locks", 3, "none", null));
        assertThat(e.expected()).isEqualTo("a=9, b=11");
        assertThat(e.outcomes().getFirst().state()).isEqualTo("a=9, b=11");
        assertThat(e.wrongInterleavings()).isPositive();
        assertThat(e.deadlocks()).isZero();
    }

    @Test
    void theSameSetupAlwaysGivesTheSameAnswer() {
        Setup setup = Setup.resolve("two-locks", 3, "lock", "opposite");
        assertThat(EXPLORER.explore(setup)).isEqualTo(EXPLORER.explore(setup));
    }

    @Test
    void moreInterleavingsThanTheLimitAreRefusedWithTheirCount() {
        assertThatThrownBy(() -> new Explorer(1000).explore(Setup.resolve("counter.increment", 3, "none", null)))
                .isInstanceOfSatisfying(InvalidSetupException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("threads");
                        assertThat(v.message()).contains("1,680 interleavings", "1,000");
                    });
                });
    }

    private static long multinomial(int threads, int steps) {
        long arrangements = factorial(threads * steps);
        for (int t = 0; t < threads; t++) {
            arrangements /= factorial(steps);
        }
        return arrangements;
    }

    private static long factorial(int n) {
        long f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
