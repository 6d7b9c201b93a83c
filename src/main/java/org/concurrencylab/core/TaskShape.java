package org.concurrencylab.core;

import java.util.function.ToIntFunction;

/**
 * How a workload's tasks relate to each other, which decides how many tasks a spec may ask for
 * and on how many threads.
 */
public sealed interface TaskShape {

    /** Tasks that share nothing: any number, in any order, on any number of threads. */
    record Independent() implements TaskShape {}

    /**
     * Every task is one worker of a lab whose workers share state but never wait for each other to
     * make progress, so any number runs on any pool; the number of tasks defaults to the parallelism.
     */
    record OnePerTask() implements TaskShape {}

    /**
     * A cast of workers set by the params, who wait for each other: tasks must be exactly that many,
     * and every one must run at once, since on a smaller pool the last ones would never start and the
     * first would wait for them forever.
     *
     * @param who the cast in words, such as "producers + consumers"
     */
    record Fixed(String who, ToIntFunction<ParamValues> count) implements TaskShape {}

    /** What `tasks` means, in the words a spec writer needs. */
    default String meaning() {
        return switch (this) {
            case Independent i -> "independent tasks: any number, default 8";
            case OnePerTask o -> "one worker per task; default: as many as parallelism";
            case Fixed f -> "exactly " + f.who() + " workers, all running at once (tasks and parallelism default to "
                    + "that number)";
        };
    }
}
