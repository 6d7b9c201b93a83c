package org.concurrencylab.interleavings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The failing schedule as a picture: well-formed SVG with a title, lanes and an axis. */
class InterleavingsChartTest {

    private static final Explorer EXPLORER = new Explorer(Explorer.DEFAULT_LIMIT);

    @Test
    void theFailingScheduleIsDrawnOneLanePerThread() throws Exception {
        Setup setup = Setup.resolve("counter.increment", 2, "none", null);
        String svg = ScheduleChart.render(setup, EXPLORER.explore(setup).failingSchedule(), "shortest failing schedule");
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("counter.increment, 2 threads, strategy none: shortest failing schedule ends counter=1 "
                        + "(wrong; expected counter=2)");
        assertThat(svg).contains(">thread 1</text>", ">thread 2</text>", ">shared counter</text>",
                "Position in the schedule", "Schedule 1 1 2 2 2 1: 6 steps, 2 context switches");
        assertThat(svg.split("class=\"step\"", -1)).hasSize(7);
        assertThat(svg).contains("data-thread=\"2\"", ">tmp=1</text>");
    }

    @Test
    void aDeadlockShowsTheLocksAndTheWaitingThreads() throws Exception {
        Setup setup = Setup.resolve("two-locks", 2, "lock", "opposite");
        String svg = ScheduleChart.render(setup, EXPLORER.explore(setup).failingSchedule(), "shortest failing schedule");
        parse(svg);
        assertThat(svg).contains(">lock_a held by</text>", ">lock_b held by</text>", "class=\"waiting\"",
                "class=\"deadlock\"", "ends DEADLOCK");
    }

    @Test
    void anEmptyScheduleIsStillAPicture() throws Exception {
        Setup setup = Setup.resolve("check-then-act", 3, "lock", null);
        String svg = ScheduleChart.render(setup, Replay.replay(setup, java.util.List.of()), "your schedule");
        parse(svg);
        assertThat(svg).contains("No steps taken yet", "unfinished (threads 1 2 3 could step next)", "thread 3");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
