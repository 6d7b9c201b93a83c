package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.execution.InterferenceWarning.Code;
import org.junit.jupiter.api.Test;

class InterferenceWindowTest {

    private final AtomicReference<List<InterferenceWarning>> interferingNow = new AtomicReference<>(List.of());

    @Test
    void backgroundWorkAtTheWindowsStartIsReportedEvenIfItEndedSince() {
        interferingNow.set(List.of(InterferenceWarning.aotCacheBuilding()));
        InterferenceWindow window = new InterferenceWindow(interferingNow::get);
        interferingNow.set(List.of());

        assertThat(window.end()).extracting(InterferenceWarning::code).containsExactly(Code.AOT_CACHE_BUILDING);
    }

    @Test
    void backgroundWorkAtTheWindowsEndIsReported() {
        InterferenceWindow window = new InterferenceWindow(interferingNow::get);
        interferingNow.set(List.of(InterferenceWarning.aotCacheBuilding()));

        assertThat(window.end()).extracting(InterferenceWarning::code).containsExactly(Code.AOT_CACHE_BUILDING);
    }

    @Test
    void workSeenAtBothEndsIsReportedOnce() {
        interferingNow.set(List.of(InterferenceWarning.aotCacheBuilding()));
        InterferenceWindow window = new InterferenceWindow(interferingNow::get);

        assertThat(window.end()).hasSize(1);
    }

    @Test
    void aQuietNodeReportsNothing() {
        assertThat(new InterferenceWindow(interferingNow::get).end()).isEmpty();
    }
}
