package org.concurrencylab.study;

import static org.assertj.core.api.Assertions.assertThat;

import org.concurrencylab.core.ExecutionModel;
import org.junit.jupiter.api.Test;

class StudySpecTest {

    /** A study may list every model once: a new model must raise the bound its messages state. */
    @Test
    void aStudyMayNameEveryModel() {
        assertThat(StudySpec.MAX_MODELS).isEqualTo(ExecutionModel.values().length);
    }
}
