package org.concurrencylab.ui;

import java.util.List;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentFilter;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.lesson.Lesson;
import org.concurrencylab.lesson.LessonService;
import org.concurrencylab.measure.RunsCsv;
import org.concurrencylab.measure.TimelineChart;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.web.ExperimentStreams;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The experiments list and an experiment's page: live status, results, pictures, downloads, what next. */
@Controller
class ExperimentPages {

    static final int PAGE_SIZE = 20;

    private final ExperimentService experiments;
    private final LessonService lessons;
    private final ExperimentStreams streams;
    private final PageSubmits submits;
    private final CurrentUser user;

    ExperimentPages(ExperimentService experiments, LessonService lessons, ExperimentStreams streams,
            PageSubmits submits, CurrentUser user) {
        this.experiments = experiments;
        this.lessons = lessons;
        this.streams = streams;
        this.submits = submits;
        this.user = user;
    }

    @GetMapping("/experiments")
    String list(@RequestParam(required = false) ExperimentStatus status,
            @RequestParam(required = false) ExecutionModel model,
            @RequestParam(required = false) String workload,
            @RequestParam(defaultValue = "0") int page, Model view) {
        String kind = ListFilters.workload(workload);
        view.addAttribute("page", experiments.list(new ExperimentFilter(status, model, kind, null), user.get(),
                Math.max(0, page), PAGE_SIZE));
        ListFilters.show(view, ExperimentStatus.values(), status, model, kind);
        return "experiments";
    }

    @GetMapping("/experiments/{id}")
    String show(@PathVariable String id, Model model) {
        LabUser me = user.get();
        Experiment experiment = experiments.get(id, me);
        Lesson lesson = lessons.lessonOf(id).orElse(null);
        model.addAttribute("view", ExperimentView.of(experiment, lesson == null ? List.of() : lesson.focus()));
        model.addAttribute("lesson", lesson);
        model.addAttribute("mayChange", me.mayChange(experiment.owner()));
        model.addAttribute("timeline", experiment.result() == null ? null
                : TimelineChart.defaultRun(experiment.result().runs())
                        .map(run -> TimelineChart.render(experiment.spec().name(), run)).orElse(null));
        model.addAttribute("others", experiments.list(new ExperimentFilter(null, null, null, null), me, 0, PAGE_SIZE)
                .items().stream().filter(other -> !other.id().equals(id)).toList());
        return "experiment";
    }

    @PostMapping("/experiments/{id}/cancel")
    String cancel(@PathVariable String id) throws InterruptedException {
        try {
            experiments.cancel(id, user.get());
        } catch (ExperimentConflictException e) {
            // It finished before the cancel arrived: its page shows how.
        }
        return "redirect:/experiments/" + id;
    }

    /** The same spec again, as a new experiment of the signed-in user (a lesson's run stays that lesson's). */
    @PostMapping("/experiments/{id}/again")
    String again(@PathVariable String id) {
        LabUser me = user.get();
        Experiment experiment = experiments.get(id, me);
        var spec = Specs.toSpec(experiment.spec());
        Experiment again = lessons.lessonOf(id)
                .map(lesson -> submits.submitForLesson(lesson.id(), spec, me))
                .orElseGet(() -> submits.submit(spec, me));
        return "redirect:/experiments/" + again.id();
    }

    @GetMapping(path = "/experiments/{id}/runs.csv", produces = "text/csv")
    ResponseEntity<String> runsCsv(@PathVariable String id) {
        Experiment experiment = finished(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"experiment-" + id + "-runs.csv\"")
                .body(RunsCsv.render(experiment.result()));
    }

    @GetMapping(path = "/experiments/{id}/timeline.svg", produces = "image/svg+xml")
    ResponseEntity<String> timelineSvg(@PathVariable String id) {
        Experiment experiment = finished(id);
        String svg = TimelineChart.defaultRun(experiment.result().runs())
                .map(run -> TimelineChart.render(experiment.spec().name(), run))
                .orElseThrow(() -> ExperimentConflictException.noRunsToDraw(id, experiment.status()));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"experiment-" + id + "-timeline.svg\"")
                .body(svg);
    }

    /** The experiment's live events for its page, on the page's session (the API's stream wants a bearer token). */
    @GetMapping(path = "/experiments/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        return streams.subscribe(id, user.get());
    }

    private Experiment finished(String id) {
        Experiment experiment = experiments.get(id, user.get());
        if (!experiment.status().isTerminal() || experiment.result() == null) {
            throw ExperimentConflictException.noResultsYet(id, experiment.status());
        }
        return experiment;
    }
}
