package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's lessons are the product: every spec in its lessons table is accepted by a lab with the
 * default limits (the submit-time estimate included), except the one whose lesson is the refusal.
 */
class ReadmeLessonsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LimitsProperties.class)
    static class Defaults {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A table row: | lesson | spec | look at |, the spec a JSON object in backticks. */
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| `(\\{\"model\".*?\\})` \\| (.+) \\|$");

    record Lesson(String title, String spec, String lookAt) {}

    static List<Lesson> lessons() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Lessons");
        String table = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<Lesson> lessons = new ArrayList<>();
        for (String line : table.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                lessons.add(new Lesson(row.group(1), row.group(2), row.group(3)));
            }
        }
        return lessons;
    }

    @Test
    void everyLessonsSpecIsAcceptedAndTheRefusalLessonIsRefused() throws IOException {
        List<Lesson> lessons = lessons();
        // The table has more than twenty rows with a spec; a parse that found few would prove nothing.
        assertThat(lessons).hasSizeGreaterThan(20);
        new ApplicationContextRunner().withUserConfiguration(Defaults.class).run(context -> {
            SpecValidator validator = new SpecValidator(context.getBean(LimitsProperties.class));
            List<String> failures = new ArrayList<>();
            for (Lesson lesson : lessons) {
                ExperimentSpec spec = JSON.readValue(lesson.spec(), ExperimentSpec.class);
                if (lesson.lookAt().startsWith("a 400")) {
                    assertThatThrownBy(() -> validator.resolve(spec)).as(lesson.title())
                            .isInstanceOf(InvalidSpecException.class);
                    continue;
                }
                try {
                    validator.resolve(spec);
                } catch (InvalidSpecException e) {
                    failures.add(lesson.title() + ": " + e.getMessage());
                }
            }
            assertThat(failures).isEmpty();
        });
    }
}
