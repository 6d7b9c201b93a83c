package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;

/** The workload catalog names models by string (it knows no Spring and no engine); the names must be real. */
class CatalogConsistencyTest {

    private static final List<String> MODELS = Arrays.stream(ExecutionModel.values()).map(Enum::name).toList();

    @Test
    void everyWorkloadFitsRealModelsAndSaysWhyItRefusesTheOthers() {
        for (WorkloadDefinition kind : WorkloadDefinition.values()) {
            assertThat(MODELS).as(kind.id()).containsAll(kind.fit().models());
            assertThat(kind.fit().models()).as(kind.id()).isNotEmpty();
            if (kind.fit().models().size() < MODELS.size()) {
                assertThat(kind.fit().refusal()).as(kind.id()).isNotBlank();
            }
        }
    }

    @Test
    void everyParamHasADescriptionAndEveryKindATeachingLine() {
        for (WorkloadDefinition kind : WorkloadDefinition.values()) {
            assertThat(kind.description()).as(kind.id()).hasSizeGreaterThan(40);
            kind.params().forEach(p -> assertThat(p.description()).as(kind.id() + "." + p.name()).isNotBlank());
        }
    }
}
