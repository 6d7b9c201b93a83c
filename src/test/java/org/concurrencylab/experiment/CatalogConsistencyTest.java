package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

/** The workload catalog: every model a workload does not fit is refused with a reason a user can read. */
class CatalogConsistencyTest {

    @Test
    void everyWorkloadFitsSomeModelAndSaysWhyItRefusesEachOther() {
        for (WorkloadDefinition kind : Workloads.ALL) {
            assertThat(kind.models()).as(kind.id()).isNotEmpty();
            for (ExecutionModel model : ExecutionModel.values()) {
                if (kind.fits(model)) {
                    assertThat(kind.models()).as(kind.id()).contains(model);
                } else {
                    assertThat(kind.models()).as(kind.id()).doesNotContain(model);
                    assertThat(kind.refusals().get(model)).as(kind.id() + " on " + model).isNotBlank();
                }
            }
        }
    }

    @Test
    void everyParamHasADescriptionAndEveryKindATeachingLine() {
        for (WorkloadDefinition kind : Workloads.ALL) {
            assertThat(kind.description()).as(kind.id()).hasSizeGreaterThan(40);
            kind.params().forEach(p -> assertThat(p.description()).as(kind.id() + "." + p.name()).isNotBlank());
            kind.metrics().forEach(m -> assertThat(m.description()).as(kind.id() + "." + m.name()).isNotBlank());
            assertThat(kind.metrics()).as(kind.id()).extracting(Metric::name).doesNotHaveDuplicates();
        }
    }
}
