package org.concurrencylab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.concurrencylab.experiment.ExperimentSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lessons the home page runs and the README's lessons table are one list: the same lessons in the
 * same order, the same "look at", and each row's spec (the first JSON in its spec cell) the spec the
 * lesson's button submits.
 */
class LessonsReadmeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FIRST_JSON = Pattern.compile("`(\\{.*?})`");

    record Row(String title, String spec, String lookAt) {}

    @Test
    void theReadmeTableAndTheLessonsAgree() throws IOException {
        List<Row> rows = readmeRows();
        Lessons lessons = new Lessons();

        assertThat(lessons.all()).extracting(Lesson::title).containsExactlyElementsOf(rows.stream().map(Row::title).toList());
        for (int i = 0; i < rows.size(); i++) {
            Lesson lesson = lessons.all().get(i);
            Row row = rows.get(i);
            assertThat(lesson.lookAt()).as("look at, " + lesson.id()).isEqualTo(row.lookAt());
            Matcher json = FIRST_JSON.matcher(row.spec());
            assertThat(json.find()).as("a JSON spec in the README row of " + lesson.id()).isTrue();
            assertThat(JSON.readTree(lessons.request(lesson))).as("spec of " + lesson.id())
                    .isEqualTo(JSON.readTree(json.group(1)));
            assertThat(lesson.idea()).as("idea of " + lesson.id()).isNotBlank();
        }
    }

    @Test
    void everyLessonIsRunnableAsWritten() {
        for (Lesson lesson : new Lessons().all()) {
            if (lesson.spec() != null) {
                ExperimentSpec spec = lesson.spec();
                assertThat(spec.model()).as(lesson.id()).isNotNull();
                assertThat(spec.workload().kind()).as(lesson.id()).isNotBlank();
                assertThat(lesson.experimentName().length()).as(lesson.id()).isLessThanOrEqualTo(100);
            } else {
                assertThat(lesson.interleavings().program()).as(lesson.id()).isNotBlank();
            }
        }
    }

    /** The rows of the table under "## Lessons", cells split at unescaped pipes. */
    static List<Row> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int heading = lines.indexOf(lines.stream().filter(l -> l.startsWith("## Lessons")).findFirst().orElseThrow());
        int header = heading;
        while (!lines.get(header).startsWith("| lesson |")) {
            header++;
        }
        List<Row> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("(?<!\\\\)\\|");
            rows.add(new Row(cells[1].strip(), cells[2].strip(), cells[3].strip()));
        }
        return rows;
    }
}
