package org.concurrencylab.lesson;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentNotFoundException;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.security.LabUser;
import org.springframework.stereotype.Service;

/**
 * Running a lesson and gathering what a class ran for it. A lesson's experiment is an ordinary
 * experiment of its user (same validation, queue, quota and ownership), remembered as that lesson's.
 */
@Service
public class LessonService {

    private final Lessons lessons;
    private final LessonRuns runs;
    private final ExperimentService experiments;
    private final Clock clock;

    LessonService(Lessons lessons, LessonRuns runs, ExperimentService experiments, Clock clock) {
        this.lessons = lessons;
        this.runs = runs;
        this.experiments = experiments;
        this.clock = clock;
    }

    /**
     * Submits the lesson's spec as {@code user}'s experiment, named after the lesson; a refused spec
     * throws the validator's 400 as any submit does (for a refusal lesson, that is the lesson).
     */
    public Experiment run(Lesson lesson, LabUser user) {
        ExperimentSpec spec = lesson.spec();
        if (spec == null) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " runs the interleavings explorer, not an experiment");
        }
        ExperimentSpec named = new ExperimentSpec(lesson.experimentName(), spec.model(), spec.parallelism(),
                spec.tasks(), spec.workload(), spec.warmups(), spec.repetitions(), spec.baseline(),
                spec.timeLimitSeconds(), spec.stages(), spec.threshold(), spec.switchIntervalMillis(),
                spec.reuseWorkers(), spec.chunkSize(), spec.maxTasksPerWorker(), spec.aotCache(),
                spec.slowCallbackMillis());
        return submitFor(lesson.id(), named, user);
    }

    /** Submits {@code spec} as {@code user}'s experiment, remembered as run for the lesson (run again keeps it). */
    public Experiment submitFor(String lessonId, ExperimentSpec spec, LabUser user) {
        Experiment experiment = experiments.submit(spec, user);
        runs.insert(experiment.id(), lessonId, user.id(), clock.instant());
        return experiment;
    }

    /** The lesson an experiment was run for, if any. */
    public Optional<Lesson> lessonOf(String experimentId) {
        return runs.lessonOf(experimentId).flatMap(lessons::byId);
    }

    /**
     * What the viewer's class ran for a lesson, newest first: a teacher's students (and the teacher),
     * every user for an admin. Each is read as the viewer may see it.
     */
    public List<Experiment> classResults(Lesson lesson, LabUser viewer) {
        List<Experiment> found = new ArrayList<>();
        for (String id : runs.ofClass(lesson.id(), viewer)) {
            try {
                found.add(experiments.get(id, viewer));
            } catch (ExperimentNotFoundException e) {
                // Removed meanwhile, or not the viewer's to see: left out, as in every list.
            }
        }
        return found;
    }
}
