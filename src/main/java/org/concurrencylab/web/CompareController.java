package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.concurrencylab.experiment.ComparisonReport;
import org.concurrencylab.experiment.ExperimentComparisons;
import org.concurrencylab.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/compare", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Compare", description = "Finished experiments side by side, with significance tests.")
class CompareController {

    private final ExperimentComparisons comparisons;
    private final CurrentUser user;

    CompareController(ExperimentComparisons comparisons, CurrentUser user) {
        this.comparisons = comparisons;
        this.user = user;
    }

    @GetMapping
    @Operation(operationId = "compareExperiments", summary = "Compare finished experiments",
            description = "The experiments side by side (each spec's fields, status, summary; `differences` lists "
                    + "the spec fields in which they differ) and each after the first against the first: `ratio` of "
                    + "the median wall times (above 1: slower than the first) with a 95% bootstrap interval "
                    + "(`ratioCi95Low`, `ratioCi95High`), Welch's t and Mann-Whitney's U on the measured runs' wall "
                    + "times (`pValue` is the larger of those that apply), a `verdict` in words (\"GIL is 1.80x "
                    + "slower than THREADS (p = 0.004)\" or \"No significant difference at 5% ...\"), "
                    + "`repetitionsNeeded` to detect a difference of the observed size, and coded `warnings`: specs "
                    + "that differ in more than the model (SPECS_DIFFER), too few runs (FEW_RUNS, MORE_RUNS_NEEDED "
                    + "saying how many would do), partial results (PARTIAL), other nodes (NODES_DIFFER), tests that "
                    + "disagree. 400 on `ids` for fewer than 2 or more than 10 ids, a malformed or repeated id, or an "
                    + "experiment that has not finished; 404 for an id you may not see, as for one that does not "
                    + "exist.")
    @ApiResponse(responseCode = "200", description = "The comparison.")
    ComparisonReport compare(
            @Parameter(description = "2 to 10 experiment ids, comma-separated; the first is the reference.",
                    example = "5f0c2a1e-8d3b-4c7a-9e21-0b6d4f8a7c35,9b1d7e42-3a6c-4f0e-8b25-c7d9e1f3a604")
            @RequestParam(required = false) String ids) {
        List<String> list = ids == null || ids.isBlank() ? List.of() : Arrays.stream(ids.split(",", -1))
                .map(String::strip).toList();
        return comparisons.compare(list, user.get());
    }
}
