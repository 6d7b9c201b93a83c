package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.experiment.ExperimentSpec.WorkloadSpec;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private final LimitsProperties limits = new LimitsProperties(
            Map.of(ExecutionModel.THREADS, 64, ExecutionModel.VIRTUAL_THREADS, 1000, ExecutionModel.FUTURES, 64,
                    ExecutionModel.FORK_JOIN, 64, ExecutionModel.GIL, 64, ExecutionModel.PROCESSES, 4),
            1000, 5, 10, 60, 600, 100, Duration.ofSeconds(30), Map.of("size", 1_000_000L),
            Map.of("stages", 10, "chunkSize", 1000), new LimitsProperties.PerUser(10, 60));
    private final SpecValidator validator = new SpecValidator(limits);

    @Test
    void missingFieldsGetTheDocumentedDefaults() {
        ResolvedSpec spec = validator.resolve(new ExperimentSpec(null, ExecutionModel.THREADS, null, null,
                new WorkloadSpec("cpu.primes", null), null, null, null, null));
        assertThat(spec.name()).isEqualTo("cpu.primes on THREADS");
        assertThat(spec.parallelism()).isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), 64));
        assertThat(spec.tasks()).isEqualTo(SpecValidator.DEFAULT_TASKS);
        assertThat(spec.warmups()).isEqualTo(1);
        assertThat(spec.repetitions()).isEqualTo(3);
        assertThat(spec.baseline()).isFalse();
        assertThat(spec.timeLimitSeconds()).isEqualTo(60);
        assertThat(spec.workload().params()).containsEntry("size", 20_000L);
    }

    @Test
    void sequentialDefaultsToOneThreadAndRefusesMore() {
        ResolvedSpec spec = validator.resolve(new ExperimentSpec("s", ExecutionModel.SEQUENTIAL, null, 2,
                new WorkloadSpec("io.sleep", Map.of("millis", 5)), 0, 1, false, 10));
        assertThat(spec.parallelism()).isEqualTo(1);
        assertThat(spec.workload().params()).containsEntry("millis", 5L);

        assertThatThrownBy(() -> validator.resolve(new ExperimentSpec("s", ExecutionModel.SEQUENTIAL, 2, 2,
                new WorkloadSpec("io.sleep", null), 0, 1, false, 10)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("parallelism"));
    }

    @Test
    void everyBrokenBoundIsReportedWithItsFieldAndRange() {
        ExperimentSpec spec = new ExperimentSpec("x", ExecutionModel.PROCESSES, 5, 0,
                new WorkloadSpec("cpu.primes", Map.of("size", 2_000_000, "colour", 1)), 6, 11, true, 601);
        assertThatThrownBy(() -> validator.resolve(spec)).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
            assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder("parallelism", "tasks",
                    "warmups", "repetitions", "timeLimitSeconds", "workload.params.size", "workload.params.colour");
            assertThat(e.violations()).filteredOn(v -> v.field().equals("parallelism")).first()
                    .extracting(Violation::message).asString().contains("between 1 and 4 for PROCESSES");
            // The configured cap, not the catalog's own, is the one users are told about.
            assertThat(e.violations()).filteredOn(v -> v.field().equals("workload.params.size")).first()
                    .extracting(Violation::message).asString().contains("between 1 and 1000000");
        });
    }

    @Test
    void unknownKindsAndNonIntegralParamsAreRefused() {
        assertThatThrownBy(() -> validator.resolve(new ExperimentSpec(null, ExecutionModel.THREADS, 1, 1,
                new WorkloadSpec("gpu.magic", null), 0, 1, false, 10)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("workload.kind");
                            assertThat(v.message()).contains("cpu.primes", "io.sleep");
                        }));
        assertThatThrownBy(() -> validator.resolve(new ExperimentSpec(null, ExecutionModel.THREADS, 1, 1,
                new WorkloadSpec("io.sleep", Map.of("millis", "ten")), 0, 1, false, 10)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations()).singleElement()
                        .extracting(Violation::field).isEqualTo("workload.params.millis"));
        ResolvedSpec whole = validator.resolve(new ExperimentSpec(null, ExecutionModel.THREADS, 1, 1,
                new WorkloadSpec("io.sleep", Map.of("millis", 7.0)), 0, 1, false, 10));
        assertThat(whole.workload().params()).containsEntry("millis", 7L);
    }

    @Test
    void aBaselineIsRefusedForAWorkloadThatCannotRunSequential() {
        assertThatThrownBy(() -> validator.resolve(new ExperimentSpec(null, ExecutionModel.PROCESSES, 2, 2,
                new WorkloadSpec("ipc.pipe", Map.of("messages", 10)), 0, 1, true, 10)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("baseline");
                            assertThat(v.message()).contains("ipc.pipe").contains("SEQUENTIAL");
                        }));
        ResolvedSpec without = validator.resolve(new ExperimentSpec(null, ExecutionModel.PROCESSES, 2, 2,
                new WorkloadSpec("ipc.pipe", Map.of("messages", 10)), 0, 1, false, 10));
        assertThat(without.baseline()).isFalse();
    }

    @Test
    void modelOptionsAreBoundedByTheConfiguredCapAndBelongToTheirModel() {
        ResolvedSpec futures = validator.resolve(new ExperimentSpec(null, ExecutionModel.FUTURES, 2, 4,
                new WorkloadSpec("cpu.primes", null), 0, 1, false, 10, 10, null, null, null, null, null, null, null));
        assertThat(futures.options().get(ModelOption.STAGES)).isEqualTo(10);
        // A resolved spec names every option of its model, given or not.
        ResolvedSpec processes = validator.resolve(new ExperimentSpec(null, ExecutionModel.PROCESSES, 2, 4,
                new WorkloadSpec("cpu.primes", null), 0, 1, false, 10, null, null, null, false, 2, null, null, null));
        assertThat(processes.options().values()).containsExactly(Map.entry("reuseWorkers", false),
                Map.entry("chunkSize", 2), Map.entry("maxTasksPerWorker", 0), Map.entry("aotCache", true));

        assertThatThrownBy(() -> validator.resolve(new ExperimentSpec(null, ExecutionModel.FUTURES, 2, 4,
                new WorkloadSpec("cpu.primes", null), 0, 1, false, 10, 11, null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("stages");
                            // lab.limits.options.stages, not the option's own 100.
                            assertThat(v.message()).contains("between 0 and 10");
                        }));
        // A threshold is at most the number of tasks; an option of another model is refused, not ignored.
        assertThatThrownBy(() -> validator.resolve(new ExperimentSpec(null, ExecutionModel.FORK_JOIN, 2, 4,
                new WorkloadSpec("cpu.primes", null), 0, 1, false, 10, 1, 5, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder("stages", "threshold");
                    assertThat(e.violations()).filteredOn(v -> v.field().equals("stages")).singleElement()
                            .extracting(Violation::message).asString().contains("only to FUTURES");
                    assertThat(e.violations()).filteredOn(v -> v.field().equals("threshold")).singleElement()
                            .extracting(Violation::message).asString().contains("between 1 and 4");
                });
    }
}
