package org.concurrencylab.ui;

import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.study.StudyFilter;
import org.concurrencylab.study.StudyReport;
import org.concurrencylab.study.StudyService;
import org.concurrencylab.study.StudyStatus;
import org.concurrencylab.web.StudyStreams;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The studies list and a study's page: its chart, table, fitted laws and live progress. */
@Controller
class StudyPages {

    private final StudyService studies;
    private final StudyStreams streams;
    private final CurrentUser user;

    StudyPages(StudyService studies, StudyStreams streams, CurrentUser user) {
        this.studies = studies;
        this.streams = streams;
        this.user = user;
    }

    @GetMapping("/studies")
    String list(@RequestParam(required = false) StudyStatus status,
            @RequestParam(required = false) ExecutionModel model,
            @RequestParam(required = false) String workload,
            @RequestParam(defaultValue = "0") int page, Model view) {
        String kind = ListFilters.workload(workload);
        view.addAttribute("page", studies.list(new StudyFilter(status, model, kind, null), user.get(),
                Math.max(0, page), ExperimentPages.PAGE_SIZE));
        ListFilters.show(view, StudyStatus.values(), status, model, kind);
        return "studies";
    }

    @GetMapping("/studies/{id}")
    String show(@PathVariable String id, Model model) {
        StudyReport study = studies.get(id, user.get());
        model.addAttribute("study", study);
        model.addAttribute("chart", studies.chart(id, user.get()));
        model.addAttribute("mayChange", user.get().mayChange(study.owner()));
        return "study";
    }

    @PostMapping("/studies/{id}/cancel")
    String cancel(@PathVariable String id) {
        studies.cancel(id, user.get());
        return "redirect:/studies/" + id;
    }

    @GetMapping(path = "/studies/{id}/results.csv", produces = "text/csv")
    ResponseEntity<String> csv(@PathVariable String id) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"study-" + id + ".csv\"")
                .body(studies.csv(id, user.get()));
    }

    @GetMapping(path = "/studies/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        return streams.subscribe(id, user.get());
    }
}
