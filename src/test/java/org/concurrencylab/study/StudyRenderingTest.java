package org.concurrencylab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentStatus;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** CSV quoting and the chart's shape, on a study of three models at 1, 2 and 4 (the check). */
class StudyRenderingTest {

    private static StudyReport report() {
        List<StudyReport.Row> rows = new ArrayList<>();
        double[][] speedups = {{1.0, 1.9, 3.1}, {0.98, 1.7, 2.6}, {0.99, 0.97, 0.95}};
        List<ExecutionModel> models = List.of(ExecutionModel.THREADS, ExecutionModel.PROCESSES, ExecutionModel.GIL);
        int[] ps = {1, 2, 4};
        for (int m = 0; m < 3; m++) {
            for (int j = 0; j < 3; j++) {
                double s = speedups[m][j];
                rows.add(new StudyReport.Row(models.get(m), ps[j], "id-" + m + j, ExperimentStatus.SUCCEEDED,
                        100 / s, 80 * s, 100.0, s, s * 0.93, s * 1.06, s / ps[j], null));
            }
        }
        return new StudyReport("s1", "primes \"scaling\", <2 cores>", StudyStatus.SUCCEEDED, false, Instant.EPOCH,
                new StudyReport.Progress(9, 9), "cpu.primes", Map.of("size", 20000), models, List.of(1, 2, 4), rows, null, false);
    }

    @Test
    void theChartIsWellFormedSvgWithALinePerModelTheIdealAndALegend() throws Exception {
        String svg = StudyChart.render(report());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/study-chart-sample.svg"), svg);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength()).isEqualTo(4);
        assertThat(svg).contains(">THREADS</text>", ">PROCESSES</text>", ">GIL</text>",
                "ideal (speedup = parallelism)", "&quot;scaling&quot;", "&lt;2 cores&gt;");
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g").getLength()).isGreaterThan(9);
    }

    @Test
    void csvQuotesPerRfc4180() {
        assertThat(StudyCsv.field("plain")).isEqualTo("plain");
        assertThat(StudyCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(StudyCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(StudyCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        String csv = StudyCsv.render(report());
        assertThat(csv.split("\r\n")).hasSize(10);
        assertThat(csv).endsWith("\r\n").doesNotContain("E-").doesNotContain("E1");
    }

    @Test
    void statusIsDerivedFromTheCells() {
        var Q = ExperimentStatus.QUEUED;
        var R = ExperimentStatus.RUNNING;
        var S = ExperimentStatus.SUCCEEDED;
        var F = ExperimentStatus.FAILED;
        var C = ExperimentStatus.CANCELLED;
        assertThat(StudyStatus.of(List.of(Q, Q))).isEqualTo(StudyStatus.QUEUED);
        assertThat(StudyStatus.of(List.of(S, Q))).isEqualTo(StudyStatus.RUNNING);
        assertThat(StudyStatus.of(List.of(R, Q))).isEqualTo(StudyStatus.RUNNING);
        assertThat(StudyStatus.of(List.of(S, S))).isEqualTo(StudyStatus.SUCCEEDED);
        assertThat(StudyStatus.of(List.of(S, C))).isEqualTo(StudyStatus.PARTIAL);
        assertThat(StudyStatus.of(List.of(F, C))).isEqualTo(StudyStatus.CANCELLED);
        assertThat(StudyStatus.of(List.of(F, ExperimentStatus.TIMED_OUT))).isEqualTo(StudyStatus.FAILED);
    }
}
