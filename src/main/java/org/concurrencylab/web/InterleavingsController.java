package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.interleavings.Exploration;
import org.concurrencylab.interleavings.Explorer;
import org.concurrencylab.interleavings.Program;
import org.concurrencylab.interleavings.Replay;
import org.concurrencylab.interleavings.ScheduleChart;
import org.concurrencylab.interleavings.Setup;
import org.concurrencylab.interleavings.Trace;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Why races happen: every interleaving of a tiny program, its outcomes and the shortest failing
 * schedule, as JSON or as a picture. Answers are computed on the request thread (no threads run,
 * nothing is stored) and remembered per setup, since the same setup always gives the same answer.
 */
@RestController
@Tag(name = "Interleavings", description = "Every schedule of a tiny program's steps, the outcomes, and the shortest "
        + "one that goes wrong.")
class InterleavingsController {

    private final Explorer explorer;
    private final Map<Setup, Exploration> remembered = new ConcurrentHashMap<>();

    InterleavingsController(InterleavingsProperties properties) {
        this.explorer = new Explorer(properties.maxInterleavings());
    }

    @PostMapping(path = "/api/v1/interleavings", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "exploreInterleavings", summary = "Explore every interleaving of a program",
            description = "Enumerates every schedule of the threads' steps (a thread blocked on a held lock cannot "
                    + "step; no thread able to step with some unfinished is DEADLOCK), runs each on a model of the "
                    + "shared state and answers how many there are, each outcome with its count and whether it is "
                    + "correct, and the shortest failing schedule step by step. With `schedule`, also replays that "
                    + "schedule. Deterministic. 400 names the field and what is allowed, including a schedule "
                    + "position that cannot be taken and a setup with more interleavings than the limit.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = InterleavingsRequest.class),
            examples = {
                @ExampleObject(name = "lost-update", summary = "counter += 1 in three steps on 2 threads: 18 of 20 "
                        + "interleavings lose an update", value = """
                        {"program": "counter.increment", "threads": 2, "strategy": "none"}"""),
                @ExampleObject(name = "lock", summary = "The same with a lock: every interleaving is correct",
                        value = """
                        {"program": "counter.increment", "threads": 2, "strategy": "lock"}"""),
                @ExampleObject(name = "check-then-act", summary = "Lazy initialisation on 3 threads, done twice",
                        value = """
                        {"program": "check-then-act", "threads": 3, "strategy": "none"}"""),
                @ExampleObject(name = "deadlock", summary = "Two locks taken in opposite orders: DEADLOCK",
                        value = """
                        {"program": "two-locks", "threads": 2, "strategy": "lock", "order": "opposite"}"""),
                @ExampleObject(name = "consistent-order", summary = "Two locks in one order never deadlock",
                        value = """
                        {"program": "two-locks", "threads": 2, "strategy": "lock", "order": "consistent"}"""),
                @ExampleObject(name = "you-are-the-scheduler", summary = "Replay your own schedule step by step",
                        value = """
                        {"program": "counter.increment", "threads": 2, "schedule": [1, 2, 1, 2, 1, 2]}""")
            }))
    InterleavingsResponse explore(@Valid @RequestBody InterleavingsRequest request) {
        Setup setup = Setup.resolve(request.program(), request.threads(), request.strategy(), request.order());
        Trace replay = request.schedule() == null ? null : Replay.replay(setup, request.schedule());
        return InterleavingsResponse.from(explored(setup), replay);
    }

    @GetMapping(path = "/api/v1/interleavings/{program}/schedule.svg", produces = "image/svg+xml")
    @Operation(operationId = "getScheduleSvg", summary = "A schedule as SVG",
            description = "One lane per thread with a box per step in schedule order, then the shared values (and "
                    + "lock holders) after each step. Without `schedule` it draws the shortest failing schedule, or "
                    + "the first interleaving when none fails. Same params and 400s as POST /api/v1/interleavings.")
    ResponseEntity<String> scheduleSvg(
            @Parameter(description = "A program from GET /api/v1/catalog/interleavings.", example = "counter.increment")
            @PathVariable String program,
            @Parameter(description = "2 or 3; default 2.") @RequestParam(required = false) Integer threads,
            @Parameter(description = "none or lock.") @RequestParam(required = false) String strategy,
            @Parameter(description = "two-locks with lock only: opposite or consistent.")
            @RequestParam(required = false) String order,
            @Parameter(description = "Optional: threads taking each step, e.g. 1,2,1,2,1,2.")
            @RequestParam(required = false) String schedule) {
        Setup setup = Setup.resolve(program, threads, strategy, order);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
                .body(chart(setup, schedule));
    }

    /** The schedule asked for; else the shortest failing one; else, when none fails, the first. */
    private String chart(Setup setup, String schedule) {
        if (schedule != null) {
            return ScheduleChart.render(setup, Replay.replay(setup, threadNumbers(schedule)), "your schedule");
        }
        Exploration exploration = explored(setup);
        if (exploration.failingSchedule() != null) {
            return ScheduleChart.render(setup, exploration.failingSchedule(), "shortest failing schedule");
        }
        return ScheduleChart.render(setup, Replay.replay(setup, firstInterleaving(setup)),
                "no schedule fails; the first interleaving");
    }

    @GetMapping(path = "/api/v1/catalog/interleavings", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listInterleavingPrograms", summary = "List the interleavings explorer's programs",
            description = "Each program with its shared state, params, and for each strategy (and lock order) the "
                    + "steps of every thread and how many interleavings 2 and 3 threads have.")
    List<InterleavingsCatalogEntry> catalog() {
        return Arrays.stream(Program.values()).map(InterleavingsCatalogEntry::of).toList();
    }

    private Exploration explored(Setup setup) {
        Exploration known = remembered.get(setup);
        if (known != null) {
            return known;
        }
        // Outside computeIfAbsent: a refusal must not be cached, and a slow setup must not block others.
        Exploration exploration = explorer.explore(setup);
        remembered.putIfAbsent(setup, exploration);
        return exploration;
    }

    /** Thread 1 runs as far as it can, then the next: the first schedule in the explorer's order. */
    private static List<Integer> firstInterleaving(Setup setup) {
        List<Integer> schedule = new ArrayList<>();
        Trace trace = Replay.replay(setup, schedule);
        while (!trace.runnable().isEmpty()) {
            schedule.add(trace.runnable().getFirst());
            trace = Replay.replay(setup, schedule);
        }
        return schedule;
    }

    /** "1,2,1" or "1 2 1"; a part that is no number is named by its position. */
    private static List<Integer> threadNumbers(String schedule) {
        List<Integer> threads = new ArrayList<>();
        String[] parts = schedule.trim().isEmpty() ? new String[0] : schedule.trim().split("[,\\s]+");
        for (int i = 0; i < parts.length; i++) {
            try {
                threads.add(Integer.parseInt(parts[i]));
            } catch (NumberFormatException e) {
                throw InvalidSpecException.of("schedule[" + i + "]", "must be a thread number, e.g. 1,2,1, was '"
                        + parts[i] + "'");
            }
        }
        return threads;
    }
}
