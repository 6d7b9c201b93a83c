package org.concurrencylab.ui;

import jakarta.servlet.http.HttpServletResponse;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.interleavings.Exploration;
import org.concurrencylab.interleavings.Explorer;
import org.concurrencylab.interleavings.ScheduleChart;
import org.concurrencylab.interleavings.Setup;
import org.concurrencylab.lesson.Lesson;
import org.concurrencylab.lesson.Lessons;
import org.concurrencylab.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Home: the lecture's lessons, each with a "Run it" button that submits its spec as the user's
 * experiment and opens it with what to look at pointed out. A lesson whose spec the lab refuses
 * opens the form with the refusal at its field (the refusal is the lesson); the interleavings
 * lesson runs the explorer and shows its answer.
 */
@Controller
class HomePage {

    private final Lessons lessons;
    private final PageSubmits submits;
    private final NewExperimentPage form;
    private final CurrentUser user;
    private final Explorer explorer = new Explorer(Explorer.DEFAULT_LIMIT);

    HomePage(Lessons lessons, PageSubmits submits, NewExperimentPage form, CurrentUser user) {
        this.lessons = lessons;
        this.submits = submits;
        this.form = form;
        this.user = user;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("lessons", lessons.all());
        java.util.Map<String, String> specs = new java.util.LinkedHashMap<>();
        lessons.all().forEach(lesson -> specs.put(lesson.id(), lessons.request(lesson)));
        model.addAttribute("lessonSpecs", specs);
        return "home";
    }

    @PostMapping("/lessons/{id}/run")
    String run(@PathVariable String id, HttpServletResponse response, Model model) {
        Lesson lesson = lesson(id);
        if (lesson.interleavings() != null) {
            return "redirect:/lessons/" + id + "/explore";
        }
        try {
            return "redirect:/experiments/" + submits.runLesson(lesson, user.get()).id();
        } catch (InvalidRequestException refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form.show(ExperimentForm.of(lesson.spec()), refused.violations(), lesson, model);
        }
    }

    /** The interleavings lesson: every schedule of the program, and the shortest one that goes wrong, drawn. */
    @GetMapping("/lessons/{id}/explore")
    String explore(@PathVariable String id, Model model) {
        Lesson lesson = lesson(id);
        Lesson.Interleavings asked = lesson.interleavings();
        if (asked == null) {
            throw new MissingPageException("no interleavings lesson " + id);
        }
        Setup setup = Setup.resolve(asked.program(), asked.threads(), asked.strategy(), asked.order());
        Exploration exploration = explorer.explore(setup);
        model.addAttribute("lesson", lesson);
        model.addAttribute("exploration", exploration);
        model.addAttribute("chart", exploration.failingSchedule() == null ? null
                : ScheduleChart.render(setup, exploration.failingSchedule(), "shortest failing schedule"));
        return "lesson-explore";
    }

    private Lesson lesson(String id) {
        // An unknown lesson is a missing page like any other.
        return lessons.byId(id).orElseThrow(() -> new MissingPageException("no lesson " + id));
    }
}
