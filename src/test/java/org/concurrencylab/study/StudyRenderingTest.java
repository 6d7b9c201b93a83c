package org.concurrencylab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentStatus;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** CSV columns and quoting, the charts' shapes (fitted curves, sweeps), on small made-up studies. */
class StudyRenderingTest {

    private static final String SVG = "http://www.w3.org/2000/svg";

    private static StudyReport report() {
        List<StudyReport.Row> rows = new ArrayList<>();
        double[][] speedups = {{1.0, 1.9, 3.1}, {0.98, 1.7, 2.6}, {0.99, 0.97, 0.95}};
        List<ExecutionModel> models = List.of(ExecutionModel.THREADS, ExecutionModel.PROCESSES, ExecutionModel.GIL);
        int[] ps = {1, 2, 4};
        for (int m = 0; m < 3; m++) {
            for (int j = 0; j < 3; j++) {
                double s = speedups[m][j];
                rows.add(new StudyReport.Row(models.get(m), ps[j], null, 8, "id-" + m + j, ExperimentStatus.SUCCEEDED,
                        100 / s, 80 * s, 100.0, s, s * 0.93, s * 1.06, s / ps[j], null, null));
            }
        }
        return new StudyReport("s1", "primes \"scaling\", <2 cores>", StudyStatus.SUCCEEDED, false, Instant.EPOCH,
                new StudyReport.Progress(9, 9), "cpu.primes", Map.of("size", 20000), models, List.of(1, 2, 4),
                StudySpec.Scaling.STRONG, null, rows, List.of(), null);
    }

    /** The same study with laws fitted to THREADS and GIL (PROCESSES left unfitted). */
    private static StudyReport fitted() {
        StudyReport plain = report();
        List<StudyReport.Fit> fits = StudyFits.fit(List.of(
                StudyFitsTest.cell(ExecutionModel.THREADS, 1, 100, 100, 101, 99),
                StudyFitsTest.cell(ExecutionModel.THREADS, 2, 100, 53, 52, 54),
                StudyFitsTest.cell(ExecutionModel.THREADS, 4, 100, 32, 31, 33),
                StudyFitsTest.cell(ExecutionModel.GIL, 1, 100, 100, 101, 99),
                StudyFitsTest.cell(ExecutionModel.GIL, 2, 100, 102, 101, 103),
                StudyFitsTest.cell(ExecutionModel.GIL, 4, 100, 104, 105, 103)));
        return new StudyReport(plain.id(), plain.name(), plain.status(), false, plain.createdAt(), plain.progress(),
                plain.workloadKind(), plain.workloadParams(), plain.models(), plain.parallelism(), plain.scaling(), null,
                plain.table(), fits, StudyFits.interpret(fits, 2));
    }

    /** THREADS and GIL at parallelism 2 over ioMillis 0, 4, 16 (and, for two params, cpuMillis 1, 5). */
    static StudyReport swept(boolean twoParams) {
        Map<String, List<Object>> sweep = new LinkedHashMap<>();
        sweep.put("ioMillis", List.of(0, 4, 16));
        if (twoParams) {
            sweep.put("cpuMillis", List.of(1, 5));
        }
        List<StudyReport.Row> rows = new ArrayList<>();
        for (ExecutionModel model : List.of(ExecutionModel.THREADS, ExecutionModel.GIL)) {
            for (Map<String, Object> values : StudyCells.combinations(sweep)) {
                double s = model == ExecutionModel.GIL ? 1.0 : 1.2 + ((Integer) values.get("ioMillis")) / 20.0;
                rows.add(new StudyReport.Row(model, 2, values, 8, "id-" + model + values, ExperimentStatus.SUCCEEDED,
                        10 / s, 80 * s, 10.0, s, s * 0.95, s * 1.05, s / 2, null, null));
            }
        }
        return new StudyReport("s2", "io share", StudyStatus.SUCCEEDED, false, Instant.EPOCH,
                new StudyReport.Progress(rows.size(), rows.size()), "mixed", Map.of(),
                List.of(ExecutionModel.THREADS, ExecutionModel.GIL), List.of(2), StudySpec.Scaling.STRONG, sweep, rows,
                List.of(), null);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagNameNS(SVG, tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static List<String> texts(Document doc) {
        return elements(doc, "text").stream().map(Element::getTextContent).toList();
    }

    @Test
    void theChartDrawsEachFittedModelsAmdahlAndUslCurvesBesideItsPoints() throws Exception {
        String svg = StudyChart.render(fitted());
        Files.writeString(Path.of("target/study-chart-fitted-sample.svg"), svg);
        Document doc = parse(svg);
        List<Element> paths = elements(doc, "path");
        assertThat(paths).extracting(p -> p.getAttribute("class") + ":" + p.getAttribute("data-model"))
                .containsExactly("fit-amdahl:THREADS", "fit-usl:THREADS", "fit-amdahl:GIL", "fit-usl:GIL");
        // Measured series and the ideal stay polylines; the curves do not add any.
        assertThat(elements(doc, "polyline")).hasSize(4);
        assertThat(texts(doc)).contains("fitted Amdahl", "fitted USL, X(N)/X(1)", "ideal (speedup = parallelism)");
        assertThat(elements(doc, "g")).filteredOn(g -> g.getAttribute("class").equals("error-bar")).hasSize(9);
    }

    @Test
    void csvCarriesEachModelsFitOnItsRows() {
        StudyReport report = fitted();
        String[] lines = StudyCsv.render(report).split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        assertThat(header).startsWith("model", "parallelism", "experiment_id")
                .contains("weak_scaling_efficiency", "amdahl_serial_fraction", "amdahl_ci95_low", "amdahl_ci95_high",
                        "usl_sigma", "usl_kappa", "usl_peak_parallelism", "usl_r_squared");
        StudyReport.Fit threads = report.fits().getFirst();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            assertThat(fields).hasSize(header.size());
            String sigma = fields[header.indexOf("usl_sigma")];
            String serial = fields[header.indexOf("amdahl_serial_fraction")];
            if (fields[0].equals("PROCESSES")) {
                assertThat(sigma).isEmpty();
                assertThat(serial).isEmpty();
            } else if (fields[0].equals("THREADS")) {
                assertThat(Double.parseDouble(sigma)).isEqualTo(threads.usl().sigma());
                assertThat(Double.parseDouble(serial)).isEqualTo(threads.amdahl().serialFraction());
            }
        }
    }

    @Test
    void aSweepsCsvHasAColumnPerSweptParamAndARowPerCell() {
        String[] lines = StudyCsv.render(swept(true)).split("\r\n");
        assertThat(lines[0]).startsWith("model,parallelism,ioMillis,cpuMillis,experiment_id,");
        assertThat(lines).hasSize(1 + 2 * 3 * 2);
        assertThat(lines[1]).startsWith("THREADS,2,0,1,");
        assertThat(lines[2]).startsWith("THREADS,2,0,5,");
    }

    @Test
    void aOneParamSweepIsDrawnAsALinePerModelAgainstTheSweptValue() throws Exception {
        String svg = StudySweepChart.render(swept(false));
        Files.writeString(Path.of("target/study-sweep-sample.svg"), svg);
        Document doc = parse(svg);
        assertThat(elements(doc, "title").getFirst().getTextContent()).isEqualTo("Speedup versus ioMillis: io share");
        List<Element> series = elements(doc, "polyline").stream()
                .filter(p -> p.getAttribute("class").equals("series")).toList();
        assertThat(series).extracting(p -> p.getAttribute("data-model")).containsExactly("THREADS", "GIL");
        series.forEach(line -> assertThat(line.getAttribute("points").split(" ")).hasSize(3));
        assertThat(texts(doc)).contains("ioMillis", "Speedup over sequential baseline (x)", "THREADS x2", "GIL x2",
                "0", "4", "16");
    }

    @Test
    void aTwoParamSweepIsAHeatmapPerModel() throws Exception {
        String svg = StudySweepChart.render(swept(true));
        Files.writeString(Path.of("target/study-heatmap-sample.svg"), svg);
        Document doc = parse(svg);
        List<Element> maps = elements(doc, "g").stream()
                .filter(g -> g.getAttribute("class").equals("heatmap")).toList();
        assertThat(maps).extracting(g -> g.getAttribute("data-model")).containsExactly("THREADS", "GIL");
        // A square per swept combination in each map, beside the background.
        assertThat(elements(doc, "rect")).hasSize(1 + 2 * 3 * 2);
        assertThat(texts(doc)).contains("ioMillis", "cpuMillis");
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
