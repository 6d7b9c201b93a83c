package org.concurrencylab.ui;

import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.experiment.SubmitRateLimiter;
import org.concurrencylab.lesson.Lesson;
import org.concurrencylab.lesson.LessonService;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.study.StudyReport;
import org.concurrencylab.study.StudyService;
import org.concurrencylab.study.StudySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every submit a page makes: each takes one unit of its user's submit rate first, as the API's
 * submits do (web.SubmitRateInterceptor), then goes through the experiment, study or lesson service.
 */
@Component
class PageSubmits {

    private final ExperimentService experiments;
    private final LessonService lessons;
    private final StudyService studies;
    // Absent in @WebMvcTest slices, which have no database (as for the API's interceptor).
    private final ObjectProvider<SubmitRateLimiter> rate;

    PageSubmits(ExperimentService experiments, LessonService lessons, StudyService studies,
            ObjectProvider<SubmitRateLimiter> rate) {
        this.experiments = experiments;
        this.lessons = lessons;
        this.studies = studies;
        this.rate = rate;
    }

    Experiment submit(ExperimentSpec spec, LabUser by) {
        take(by);
        return experiments.submit(spec, by);
    }

    StudyReport submitStudy(StudySpec spec, LabUser by) {
        take(by);
        return studies.submit(spec, by);
    }

    Experiment runLesson(Lesson lesson, LabUser by) {
        take(by);
        return lessons.run(lesson, by);
    }

    /** {@code spec} again, as a run of the lesson {@code lessonId}. */
    Experiment submitForLesson(String lessonId, ExperimentSpec spec, LabUser by) {
        take(by);
        return lessons.submitFor(lessonId, spec, by);
    }

    private void take(LabUser by) {
        SubmitRateLimiter limiter = rate.getIfAvailable();
        if (limiter != null) {
            limiter.tryAcquire(by.id());
        }
    }
}
