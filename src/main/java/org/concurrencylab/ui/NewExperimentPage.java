package org.concurrencylab.ui;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.SpecValidator;
import org.concurrencylab.lesson.Lesson;
import org.concurrencylab.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The new-experiment form, generated from the catalog; submitted specs go through the same bean
 * validation and {@code SpecValidator} as the API's, and each refusal is shown next to its field.
 */
@Controller
class NewExperimentPage {

    private final FormCatalog catalog;
    private final ExperimentService experiments;
    private final PageSubmits submits;
    private final CurrentUser user;
    private final Validator validator;
    private final SpecValidator specs;

    NewExperimentPage(FormCatalog catalog, ExperimentService experiments, PageSubmits submits, CurrentUser user,
            Validator validator, SpecValidator specs) {
        this.specs = specs;
        this.catalog = catalog;
        this.experiments = experiments;
        this.submits = submits;
        this.user = user;
        this.validator = validator;
    }

    @GetMapping("/experiments/new")
    String form(@RequestParam(required = false) String from, Model model) {
        ExperimentForm form = from == null
                ? ExperimentForm.blank()
                : ExperimentForm.of(experiments.get(from, user.get()).spec());
        return show(form, List.of(), null, model);
    }

    @PostMapping("/experiments/new")
    String submit(@RequestParam Map<String, String> fields, HttpServletResponse response, Model model) {
        ExperimentForm form = new ExperimentForm(fields);
        ExperimentForm.Read read = form.read();
        List<Violation> violations = new ArrayList<>(read.problems());
        violations.addAll(ListFilters.beanViolations(validator, read.spec()));
        if (read.spec().model() != null && read.spec().workload().kind() != null) {
            // Every refusal at once: what could not be read, and what the validator says of the rest.
            try {
                specs.resolve(read.spec());
            } catch (InvalidRequestException e) {
                violations.addAll(e.violations());
            }
        }
        if (violations.isEmpty()) {
            Experiment submitted = submits.submit(read.spec(), user.get());
            return "redirect:/experiments/" + submitted.id();
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return show(form, violations, null, model);
    }

    /** The form with {@code violations} next to their fields; a lesson's refusal says which lesson. */
    String show(ExperimentForm form, List<Violation> violations, Lesson lesson, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", ListFilters.errorsByField(violations, NewExperimentPage::fieldOf));
        model.addAttribute("violations", violations);
        model.addAttribute("models", catalog.models());
        model.addAttribute("workloads", catalog.workloads());
        model.addAttribute("commonFields", ExperimentForm.COMMON);
        model.addAttribute("lesson", lesson);
        return "experiment-new";
    }

    /** Where the form shows a violation: the spec's field names, with "workload" and its kind as one select. */
    static String fieldOf(String field) {
        return "workload.kind".equals(field) ? "workload" : field;
    }
}
