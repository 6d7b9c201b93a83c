package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.experiment.ExperimentNotFoundException;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.stream.ExperimentTopic;
import org.concurrencylab.stream.StreamHub;
import org.concurrencylab.stream.StudyTopic;
import org.concurrencylab.study.StudyService;
import org.junit.jupiter.api.Test;

/**
 * The listeners run on the thread that ran the experiment: they read nothing there, and hand every
 * read to the hub, in the order the events came.
 */
class EventsListenersTest {

    private static final ExperimentEvent.Started STARTED =
            new ExperimentEvent.Started("e1", ExecutionModel.THREADS, "io.sleep", Duration.ZERO);
    private static final ExperimentEvent.Finished FINISHED = new ExperimentEvent.Finished("e1", ExecutionModel.THREADS,
            "io.sleep", ExperimentStatus.SUCCEEDED, Duration.ofSeconds(1));

    private final StreamHub hub = mock(StreamHub.class);
    private final List<Runnable> handedOff = new ArrayList<>();

    EventsListenersTest() {
        doAnswer(call -> handedOff.add(call.getArgument(0))).when(hub).handOff(any());
    }

    @Test
    void aFollowedExperimentsStatusIsReadOffThePublishingThread() {
        ExperimentService experiments = mock(ExperimentService.class);
        // Deleted meanwhile: logged on the hand-off thread, never thrown at the experiment's.
        when(experiments.get("e1")).thenThrow(ExperimentNotFoundException.forId("e1"));
        when(hub.isWatched(new ExperimentTopic("e1"))).thenReturn(true);
        ExperimentStreams streams = new ExperimentStreams(experiments, hub);

        streams.onStarted(STARTED);
        streams.onFinished(FINISHED);

        verifyNoInteractions(experiments);
        verify(hub).keepNumbering(new ExperimentTopic("e1"), true);
        verify(hub).keepNumbering(new ExperimentTopic("e1"), false);
        assertThat(handedOff).hasSize(2);
        handedOff.forEach(Runnable::run);
        verify(experiments, times(2)).get("e1");
    }

    @Test
    void aCellsStudyIsLookedUpOffThePublishingThreadAndNotAtAllWhileNoStudyIsFollowed() {
        StudyService studies = mock(StudyService.class);
        StudyStreams streams = new StudyStreams(studies, hub);

        streams.onCellStarted(STARTED);
        assertThat(handedOff).isEmpty();

        when(hub.watchesAny(StudyTopic.class)).thenReturn(true);
        streams.onCellStarted(STARTED);
        streams.onCellFinished(FINISHED);

        verifyNoInteractions(studies);
        assertThat(handedOff).hasSize(2);
        handedOff.forEach(Runnable::run);
        verify(studies, times(2)).studyOf("e1");
    }
}
