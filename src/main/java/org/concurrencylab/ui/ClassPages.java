package org.concurrencylab.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.lesson.Lesson;
import org.concurrencylab.lesson.LessonService;
import org.concurrencylab.lesson.Lessons;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.security.IssuedUser;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.Role;
import org.concurrencylab.security.UserAccounts;
import org.concurrencylab.security.UserNameTakenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The teacher's pages: the class roster (make students, their tokens shown or downloaded once as
 * CSV, a new token for one who lost theirs, remove), and the class's results for one lesson side by
 * side with the spread of their speedups. An admin sees every student.
 */
@Controller
class ClassPages {

    private final UserAccounts accounts;
    private final Lessons lessons;
    private final LessonService lessonRuns;
    private final CurrentUser user;

    ClassPages(UserAccounts accounts, Lessons lessons, LessonService lessonRuns, CurrentUser user) {
        this.accounts = accounts;
        this.lessons = lessons;
        this.lessonRuns = lessonRuns;
        this.user = user;
    }

    @GetMapping("/class")
    String roster(Model model) {
        return show(model, List.of(), Map.of(), Map.of());
    }

    /** Makes students from a prefix and a count, or from names one per line; all or none. */
    @PostMapping("/class/students")
    Object create(@RequestParam(required = false) String prefix, @RequestParam(required = false) String count,
            @RequestParam(required = false) String names, @RequestParam(required = false) String download,
            HttpServletResponse response, Model model) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("prefix", prefix == null ? "" : prefix);
        typed.put("count", count == null ? "" : count);
        typed.put("names", names == null ? "" : names);
        List<IssuedUser> made;
        try {
            List<String> listed = names == null || names.isBlank() ? null
                    : Arrays.stream(names.split("[\\s,]+")).filter(n -> !n.isBlank()).toList();
            boolean byCount = listed == null;
            made = accounts.createStudents(byCount ? blankToNull(prefix) : null, byCount ? number(count) : null,
                    listed, null);
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            // names[3] and the like: shown at the one names box.
            return show(model, List.of(), ListFilters.errorsByField(e.violations(),
                    field -> field.startsWith("names") ? "names" : field), typed);
        } catch (UserNameTakenException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(model, List.of(), Map.of(names == null || names.isBlank() ? "prefix" : "names", e.getMessage()),
                    typed);
        }
        if (download != null) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"roster.csv\"")
                    .body(IssuedUser.rosterCsv(made));
        }
        return show(model, made, Map.of(), Map.of());
    }

    @PostMapping("/class/students/{id}/token")
    String newToken(@PathVariable String id, Model model) {
        return show(model, List.of(accounts.rotateToken(id)), Map.of(), Map.of());
    }

    @PostMapping("/class/students/{id}/delete")
    String remove(@PathVariable String id) {
        accounts.delete(id);
        return "redirect:/class";
    }

    /** The class's runs of one lesson: each student's latest, and the spread of their speedups as a picture. */
    @GetMapping("/class/lessons/{lessonId}")
    String results(@PathVariable String lessonId, Model model) {
        Lesson lesson = lessons.byId(lessonId).orElseThrow(() -> new MissingPageException("no lesson " + lessonId));
        List<LabUser> students = students();
        List<Experiment> runs = lessonRuns.classResults(lesson, user.get());
        ClassResults results = ClassResults.of(lesson, students, runs);
        model.addAttribute("lesson", lesson);
        model.addAttribute("results", results);
        model.addAttribute("lessons", lessons.all());
        model.addAttribute("spread", results.speedups().isEmpty() ? null : SpreadChart.render(
                "Speedup across the class: " + lesson.title().replace("`", ""), results.speedups(),
                results.parallelism()));
        return "class-lesson";
    }

    private String show(Model model, List<IssuedUser> issued, Map<String, String> errors, Map<String, String> typed) {
        model.addAttribute("students", students());
        model.addAttribute("issued", issued);
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        model.addAttribute("lessons", lessons.all());
        return "class";
    }

    /** A teacher's class; for an admin, every student. */
    private List<LabUser> students() {
        List<LabUser> students = new ArrayList<>();
        for (LabUser listed : accounts.list()) {
            if (listed.role() == Role.STUDENT) {
                students.add(listed);
            }
        }
        return students;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Integer number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("count",
                    "must be a whole number, was '" + text.strip() + "'")));
        }
    }
}
