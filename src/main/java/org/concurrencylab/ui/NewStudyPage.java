package org.concurrencylab.ui;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.study.StudyReport;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The new-study form: one workload over several models and parallelism values. A submitted spec goes
 * through the same bean validation and cell checks as {@code POST /api/v1/studies}, and each refusal
 * is shown next to its field; a full queue or quota is the same 429 page as an experiment's.
 */
@Controller
class NewStudyPage {

    private final FormCatalog catalog;
    private final PageSubmits submits;
    private final CurrentUser user;
    private final Validator validator;

    NewStudyPage(FormCatalog catalog, PageSubmits submits, CurrentUser user, Validator validator) {
        this.catalog = catalog;
        this.submits = submits;
        this.user = user;
        this.validator = validator;
    }

    @GetMapping("/studies/new")
    String form(Model model) {
        return show(StudyForm.blank(), List.of(), model);
    }

    @PostMapping("/studies/new")
    String submit(@RequestParam Map<String, String> fields, HttpServletResponse response, Model model) {
        StudyForm form = new StudyForm(fields);
        StudyForm.Read read = form.read();
        List<Violation> violations = new ArrayList<>(read.problems());
        violations.addAll(ListFilters.beanViolations(validator, read.spec()));
        if (violations.isEmpty()) {
            try {
                StudyReport submitted = submits.submitStudy(read.spec(), user.get());
                return "redirect:/studies/" + submitted.id();
            } catch (InvalidRequestException e) {
                violations.addAll(e.violations());
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return show(form, violations, model);
    }

    private String show(StudyForm form, List<Violation> violations, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", ListFilters.errorsByField(violations, StudyForm::fieldOf));
        model.addAttribute("violations", violations);
        model.addAttribute("models", catalog.models());
        model.addAttribute("workloads", catalog.workloads());
        model.addAttribute("counts", StudyForm.COUNTS);
        return "study-new";
    }
}
