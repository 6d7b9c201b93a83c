package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentSpec.WorkloadSpec;
import org.concurrencylab.experiment.InvalidSpecException.Violation;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private final LimitsProperties limits = new LimitsProperties(new LimitsProperties.Parallelism(64, 1000, 64, 64, 64, 4), 1000,
            5, 10, 60, 600, 100, Duration.ofSeconds(30), Map.of("size", 1_000_000L), 100, 1000);
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
}
