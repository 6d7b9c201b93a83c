package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Independent-task workloads give every model the same checksum: each task's checksum depends
 * only on the params and its index, never on which thread ran it or when. (PROCESSES runs the
 * same code in worker JVMs and is covered by the process tests.)
 */
class TaskWorkloadParityTest {

    private static final List<ExecutionModel> MODELS =
            List.of(ExecutionModel.SEQUENTIAL, ExecutionModel.THREADS, ExecutionModel.FORK_JOIN);
    private static final int TASKS = 6;

    private final ModelRunners runners = new ModelRunners(new SimpleMeterRegistry(), null);

    static Stream<Arguments> plans() {
        return Stream.of(
                plan(Kinds.CPU_HASH, Map.of("rounds", 2_000L)),
                plan(Kinds.CPU_MATMUL, Map.of("n", 24L)),
                plan(Kinds.CPU_MONTECARLO, Map.of("samples", 20_000L)),
                plan(Kinds.IO_FILE, Map.of("bytes", 70_000L)),
                plan(Kinds.IO_HTTP, Map.of("requests", 2L, "delayMillis", 5L)),
                plan(Kinds.MIXED, Map.of("cpuMillis", 1L, "ioMillis", 1L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void sequentialThreadsAndForkJoinGiveTheSameChecksum(String kind, RunPlan plan) throws Exception {
        Set<Path> tempDirsBefore = labTempDirs();
        Map<ExecutionModel, Long> checksums = new EnumMap<>(ExecutionModel.class);
        for (ExecutionModel model : MODELS) {
            RunMeasurement measured = runners.forModel(model).run(plan);
            assertThat(measured.tasks()).extracting(TaskRecord::index).as(model.name())
                    .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
            checksums.put(model, measured.tasks().stream().mapToLong(TaskRecord::checksum).sum());
        }
        assertThat(checksums.values()).as(kind + " " + checksums).containsOnly(
                checksums.get(ExecutionModel.SEQUENTIAL));
        // io.file: every run removed its temp directory.
        assertThat(labTempDirs()).isSubsetOf(tempDirsBefore);
    }

    private static Arguments plan(WorkloadDefinition kind, Map<String, Long> params) {
        return Arguments.of(kind.id(),
                new RunPlan(kind, kind.defaults().overriddenBy(params), TASKS, 3));
    }

    /**
     * This JVM's run directories (the in-process models make them under its own pid): another JVM
     * making one in the shared temp folder at the same moment, a test run or a server, is not ours.
     */
    private static Set<Path> labTempDirs() throws IOException {
        String ours = "concurrency-lab-io-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(ours))
                    .collect(Collectors.toSet());
        }
    }
}
