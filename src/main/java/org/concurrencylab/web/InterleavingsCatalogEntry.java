package org.concurrencylab.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.interleavings.Explorer;
import org.concurrencylab.interleavings.LockOrder;
import org.concurrencylab.interleavings.Program;
import org.concurrencylab.interleavings.Setup;
import org.concurrencylab.interleavings.Strategy;

/** A program of the interleavings catalog: what it does, its params, and each variant's steps. */
@Schema(description = "A program the interleavings explorer runs, read from the same definitions it explores.")
record InterleavingsCatalogEntry(
        @Schema(example = "counter.increment") String program,
        String description,
        @Schema(description = "What goes wrong without the right strategy, and why.") String why,
        @Schema(description = "The shared variables and their values before any step.") Map<String, Integer> shared,
        @Schema(description = "The names of each thread's locals.") List<String> locals,
        List<Param> params,
        @Schema(description = "Each strategy (and lock order) with its steps per thread and how many interleavings "
                + "it has for each thread count.")
        List<Variant> variants) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "InterleavingsParam")
    record Param(String name, String description, String type, Object defaultValue, Integer min, Integer max,
            List<String> choices) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "InterleavingsVariant")
    record Variant(String strategy, String order,
            @Schema(description = "Thread count -> interleavings.", example = "{\"2\": 20, \"3\": 1680}")
            Map<String, Long> interleavings,
            @Schema(description = "The steps of threads 1, 2 and 3 (thread 3 runs only with threads = 3).")
            List<List<Line>> threads) {}

    @Schema(name = "InterleavingsLine", description = "One step of a thread's program.")
    record Line(@Schema(example = "read") String step, @Schema(example = "tmp = counter") String code) {}

    static InterleavingsCatalogEntry of(Program program) {
        List<Param> params = new java.util.ArrayList<>();
        params.add(new Param("threads", "threads running the program", "integer", Setup.DEFAULT_THREADS,
                Program.MIN_THREADS, Program.MAX_THREADS, null));
        params.add(new Param("strategy", Arrays.stream(Strategy.values()).map(s -> s.id() + ": " + s.description())
                .reduce((a, b) -> a + "; " + b).orElseThrow(), "choice", program.defaultStrategy().id(), null, null,
                Arrays.stream(Strategy.values()).map(Strategy::id).toList()));
        if (program.hasOrder()) {
            params.add(new Param("order", "with strategy lock only; " + Arrays.stream(LockOrder.values())
                    .map(o -> o.id() + ": " + o.description()).reduce((a, b) -> a + "; " + b).orElseThrow(), "choice",
                    LockOrder.OPPOSITE.id(), null, null, Arrays.stream(LockOrder.values()).map(LockOrder::id).toList()));
        }
        params.add(new Param("schedule", "optional: the thread (from 1) that takes each step, replayed step by step",
                "array of thread numbers", null, 1, Program.MAX_THREADS, null));
        List<Variant> variants = program.variants(Program.MAX_THREADS).stream().map(setup -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int n = Program.MIN_THREADS; n <= Program.MAX_THREADS; n++) {
                counts.put(Integer.toString(n), Explorer.count(new Setup(program, n, setup.strategy(), setup.order())));
            }
            return new Variant(setup.strategy().id(), setup.order() == null ? null : setup.order().id(), counts,
                    setup.listing().stream().map(steps -> steps.stream().map(l -> new Line(l.step(), l.code()))
                            .toList()).toList());
        }).toList();
        return new InterleavingsCatalogEntry(program.id(), program.description(), program.why(),
                program.initialValues(), program.localNames(), params, variants);
    }
}
