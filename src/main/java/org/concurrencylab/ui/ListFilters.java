package org.concurrencylab.ui;

import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.workload.Workloads;
import org.springframework.ui.Model;

/** What the list pages and the forms share: a filter as chosen, and refusals by the field they belong to. */
final class ListFilters {

    private ListFilters() {}

    /** An empty workload choice ("any") is no filter. */
    static String workload(String chosen) {
        return chosen == null || chosen.isBlank() ? null : chosen;
    }

    /** The filter form's choices and what is chosen. */
    static void show(Model view, Object[] statuses, Object status, ExecutionModel model, String workload) {
        view.addAttribute("status", status);
        view.addAttribute("model", model);
        view.addAttribute("workload", workload);
        view.addAttribute("statuses", statuses);
        view.addAttribute("models", ExecutionModel.values());
        view.addAttribute("workloads", Workloads.ids());
    }

    /** The spec's bean-validation refusals (its annotations), as the API's 400 names them. */
    static List<Violation> beanViolations(Validator validator, Object spec) {
        return validator.validate(spec).stream()
                .map(v -> new Violation(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
    }

    /** Each refusal's message under the form field that shows it; several for one field are joined. */
    static Map<String, String> errorsByField(List<Violation> violations, UnaryOperator<String> fieldOf) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.merge(fieldOf.apply(v.field()), v.message(), (a, b) -> a + "; " + b));
        return errors;
    }
}
