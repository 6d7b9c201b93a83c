package org.concurrencylab.lesson;

import java.util.List;
import java.util.Objects;
import org.concurrencylab.experiment.ExperimentSpec;

/**
 * One idea of the lecture, runnable.
 *
 * @param id a stable name, used in page addresses and stored with the experiments run for it
 * @param title the idea as the README's lessons table words it
 * @param idea the idea in plain words, for someone who has not read the lecture
 * @param spec what it runs; absent for a lesson of the interleavings explorer
 * @param interleavings what it asks the interleavings explorer; absent for an experiment's lesson
 * @param refused the lab refuses the spec, and the refusal (a 400 saying why) is the lesson
 * @param lookAt what to look at in the result, as the README's table says it (code in backticks)
 * @param focus the names (summary fields, observations, {@code outcomes}) the result page points out
 */
public record Lesson(String id, String title, String idea, ExperimentSpec spec, Interleavings interleavings,
        boolean refused, String lookAt, List<String> focus) {

    public Lesson {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        if ((spec == null) == (interleavings == null)) {
            throw new IllegalArgumentException("lesson " + id + " needs a spec or an interleavings request, not both");
        }
        focus = focus == null ? List.of() : List.copyOf(focus);
    }

    /** A request to the interleavings explorer, as {@code POST /api/v1/interleavings} takes it. */
    public record Interleavings(String program, Integer threads, String strategy, String order) {}

    /** The name its experiments get, so a list shows which lesson they were run for. */
    public String experimentName() {
        String name = "Lesson: " + title.replace("`", "");
        return name.length() <= 100 ? name : name.substring(0, 99) + "…";
    }
}
