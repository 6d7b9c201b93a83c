package org.concurrencylab.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.concurrencylab.interleavings.Program;
import org.concurrencylab.interleavings.Replay;

/** A program from the interleavings catalog, how many threads run it and how; optionally a schedule to replay. */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "Which tiny program to explore: every interleaving of its threads' steps is run on a model of "
        + "the shared state. Names are matched ignoring case.")
record InterleavingsRequest(
        @Schema(description = "A program from GET /api/v1/catalog/interleavings.",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "counter.increment",
                allowableValues = {"counter.increment", "check-then-act", "two-locks"})
        String program,

        @Schema(description = "Threads running the program. Default 2.", example = "2",
                minimum = "" + Program.MIN_THREADS, maximum = "" + Program.MAX_THREADS)
        Integer threads,

        @Schema(description = "none: no lock; lock: the steps on shared state run holding a lock. Default none "
                + "(lock for two-locks).", example = "none", allowableValues = {"none", "lock"})
        String strategy,

        @Schema(description = "two-locks with strategy lock only: the order the locks are taken. Default opposite.",
                allowableValues = {"opposite", "consistent"})
        String order,

        @ArraySchema(arraySchema = @Schema(description = "Optional: you are the scheduler. The thread (from 1) that "
                + "takes each step, in order; it may stop early. A finished thread, or one whose next step acquires "
                + "a lock another thread holds, cannot be chosen (400 naming the position)."),
                schema = @Schema(type = "integer", minimum = "1", maximum = "" + Program.MAX_THREADS),
                maxItems = Replay.MAX_POSITIONS)
        List<Integer> schedule) {}
