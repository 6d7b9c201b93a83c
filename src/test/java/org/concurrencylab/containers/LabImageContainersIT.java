package org.concurrencylab.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.concurrencylab.support.LabApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;

/**
 * The image as an operator runs it: built from the repository's {@code Dockerfile} with
 * {@code docker build} (on the local base images where docker/local-images.sh built them), then
 * <ol>
 *   <li>one container on its embedded H2 database: a non-root user, a passing HEALTHCHECK, a
 *       {@code PROCESSES} experiment run by worker JVMs inside, a {@code docker stop} that ends
 *       the JVM itself, and the data volume kept across the restart;</li>
 *   <li>two containers on one PostgreSQL container, on one Docker network: every experiment runs
 *       once on one of them, and when one is killed the other fails what it was running and runs
 *       what was queued through it.</li>
 * </ol>
 * Skipped where no Docker engine answers. Containers are removed here (the reaper is off); their
 * logs are kept under {@code target/containers-it/}.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabImageContainersIT {

    private static final String IMAGE = "concurrency-lab:containers-it";
    private static final String WORKER_MAIN_PATTERN = "org[.]concurrencylab[.]worker[.]WorkerMain";
    private static final Path LOGS = Path.of("target", "containers-it");
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration RUN = Duration.ofSeconds(90);
    /** Short enough to notice a killed node quickly, yet 12 heartbeats long. */
    private static final Duration LEASE = Duration.ofSeconds(6);

    private static final String LONG_PROCESSES = """
            {"model": "PROCESSES", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";
    private static final String LONG_THREADS = """
            {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";

    private final DockerClient docker = DockerClientFactory.instance().client();
    private final List<GenericContainer<?>> started = new ArrayList<>();
    private Network network;

    /** The single container on H2, shared by the first three checks. */
    private GenericContainer<?> single;
    /** A PROCESSES experiment it ran, as the API showed it then. */
    private JsonNode earlierSucceeded;

    @BeforeAll
    void buildImage() throws IOException, InterruptedException {
        Files.createDirectories(LOGS);
        Map<String, String> buildArgs = LocalImages.buildArgs();
        // With the docker CLI, as a user builds it (and as .ci/run does just before the tests, so
        // that this build finds every layer in Docker's cache and takes seconds).
        List<String> command = new ArrayList<>(List.of("docker", "build", "-t", IMAGE));
        buildArgs.forEach((name, value) -> command.addAll(List.of("--build-arg", name + "=" + value)));
        command.add(LocalImages.basedir().toString());
        Path log = LOGS.resolve("docker-build.log");
        long begun = System.nanoTime();
        Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!build.waitFor(30, TimeUnit.MINUTES)) {
            build.destroyForcibly().waitFor();
        }
        List<String> output = Files.readAllLines(log);
        assertThat(build.exitValue()).as("%s failed:%n%s", String.join(" ", command),
                String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()))).isZero();
        System.out.printf("built %s from the Dockerfile with %s in %d s%n", IMAGE,
                buildArgs.isEmpty() ? "the public base images" : buildArgs, Duration.ofNanos(System.nanoTime() - begun).toSeconds());
        network = Network.newNetwork();
    }

    @AfterAll
    void removeContainers() {
        started.reversed().forEach(GenericContainer::stop);
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void runsAsANonRootUserAndReportsHealthy() throws Exception {
        single = start(lab("lab-single", Map.of()));

        ExecResult uid = single.execInContainer("grep", "^Uid:", "/proc/1/status");
        String realUid = uid.getStdout().split("\\s+")[1];
        assertThat(realUid).as("uid of the java process (PID 1): %s", uid).isNotEqualTo("0");
        assertThat(single.execInContainer("id", "-un").getStdout().strip()).isEqualTo("lab");

        await("Docker to report the HEALTHCHECK healthy").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> healthOf(single).equals("healthy"));
    }

    @Test
    @Order(2)
    void runsAProcessesExperimentInWorkerJvmsInsideTheContainer() {
        LabClient api = client(single);
        String id = api.submit("""
                {"name": "primes in worker JVMs", "model": "PROCESSES", "parallelism": 2, "tasks": 4,
                 "reuseWorkers": false, "workload": {"kind": "cpu.primes", "params": {"size": 20000}},
                 "warmups": 0, "repetitions": 2, "baseline": true, "timeLimitSeconds": 120}""");

        JsonNode done = api.awaitFinished(id, RUN);

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        long checksum = done.at("/result/summary/checksum").asLong();
        assertThat(checksum).isPositive();
        int processRuns = 0;
        for (JsonNode run : done.at("/result/runs")) {
            // The sequential baseline ran in the server, the rest in worker JVMs: the same work.
            assertThat(run.get("checksum").asLong()).as("checksum of %s", run).isEqualTo(checksum);
            if (run.get("model").asString().equals("PROCESSES")) {
                processRuns++;
                assertThat(run.get("startupMillis").asDouble()).as("startupMillis of %s", run).isPositive();
                // PIDs in the container's own PID namespace, where the server is PID 1.
                assertThat(run.get("workerPids").valueStream().map(JsonNode::asLong).toList())
                        .as("workerPids of %s", run).hasSize(2).doesNotHaveDuplicates().allMatch(pid -> pid > 1);
            }
        }
        assertThat(processRuns).isEqualTo(2);
        earlierSucceeded = done;
    }

    @Test
    @Order(3)
    void stopsCleanlyOnDockerStopAndKeepsItsDataVolumeAcrossARestart() throws Exception {
        assertThat(earlierSucceeded).as("the PROCESSES experiment of the check before").isNotNull();
        LabClient api = client(single);
        String running = api.submit(LONG_PROCESSES);
        api.awaitStatus(running, "RUNNING", RUN);
        await("two worker JVMs in the container").atMost(RUN).pollInterval(Duration.ofMillis(500))
                .until(() -> workerJvms(single) == 2);
        String queued = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 3, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 10}}}""");

        long stopping = System.nanoTime();
        docker.stopContainerCmd(single.getContainerId()).withTimeout(60).exec();
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(single.getContainerId()).exec().getState();
        // 143 = the JVM ended itself on SIGTERM (128 + 15); 137 would be Docker's SIGKILL after the timeout.
        assertThat(state.getExitCodeLong()).as("exit code after docker stop (took %s)", stopTook).isEqualTo(143L);
        assertThat(stopTook).isLessThan(Duration.ofSeconds(45));
        assertThat(single.getLogs()).doesNotContain("still running");

        docker.startContainerCmd(single.getContainerId()).exec();
        LabClient restarted = client(single);
        await("the restarted container to answer").atMost(START).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> restarted.get("/actuator/health").status() == 200);

        // Recorded before the JVM ended: the running one as interrupted, the queued one still queued.
        JsonNode interrupted = restarted.experiment(running);
        assertThat(interrupted.get("status").asString()).as(interrupted.toString()).isEqualTo("FAILED");
        assertThat(interrupted.get("statusReason").asString()).contains("shut down");
        JsonNode ranAfterRestart = restarted.awaitFinished(queued, RUN);
        assertThat(ranAfterRestart.get("status").asString()).as(ranAfterRestart.toString()).isEqualTo("SUCCEEDED");
        assertThat(ranAfterRestart.at("/result/summary/checksum").asLong()).isEqualTo(1 + 2 + 3);
        // The earlier result, read back from the volume, is exactly what it was.
        assertThat(restarted.experiment(earlierSucceeded.get("id").asString())).isEqualTo(earlierSucceeded);
        assertThat(workerJvms(single)).isZero();
    }

    @Test
    @Order(4)
    void twoContainersOnOnePostgresRunEveryExperimentOnce() {
        Nodes nodes = startTwoNodes();

        // Experiment k sleeps 500 ms on k threads: its checksum is 1 + 2 + ... + k, so one that
        // lost or repeated a task, or got another's result, shows.
        Map<String, Integer> tasksById = new LinkedHashMap<>();
        for (int k = 1; k <= 8; k++) {
            LabClient through = k % 2 == 1 ? nodes.one() : nodes.two();
            tasksById.put(through.submit("""
                    {"name": "sleep %d", "model": "THREADS", "parallelism": %d, "tasks": %d, "warmups": 0,
                     "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 500}}}"""
                    .formatted(k, k, k)), k);
        }

        Set<String> ranOn = new HashSet<>();
        tasksById.forEach((id, k) -> {
            // Read through the other node: both see the one shared row.
            JsonNode e = (k % 2 == 1 ? nodes.two() : nodes.one()).awaitFinished(id, RUN);
            assertThat(e.get("status").asString()).as(e.toString()).isEqualTo("SUCCEEDED");
            assertThat(e.at("/result/summary/checksum").asLong()).as(e.toString()).isEqualTo((long) k * (k + 1) / 2);
            assertThat(e.get("nodeId").asString()).isIn("lab-1", "lab-2");
            ranOn.add(e.get("nodeId").asString());
        });
        // Each node counts what it finished: eight in all means none ran twice.
        assertThat(nodes.one().metricSum("lab_experiments_finished_total") + nodes.two().metricSum("lab_experiments_finished_total"))
                .isEqualTo(8.0);
        assertThat(ranOn).containsExactlyInAnyOrder("lab-1", "lab-2");
    }

    @Test
    @Order(5)
    void whenOneContainerIsKilledTheOtherTakesOverItsWork() {
        Nodes nodes = twoNodes;
        assertThat(nodes).as("the two nodes of the check before").isNotNull();
        // One long experiment per node keeps both busy, so what is submitted next stays queued.
        List<String> longOnes = List.of(nodes.one().submit(LONG_THREADS), nodes.two().submit(LONG_THREADS));
        await("both nodes running a long experiment").atMost(RUN).pollInterval(Duration.ofMillis(200)).until(() ->
                longOnes.stream().allMatch(id -> nodes.one().experiment(id).get("status").asString().equals("RUNNING")));
        Map<String, String> runningOn = new HashMap<>();
        longOnes.forEach(id -> runningOn.put(nodes.one().experiment(id).get("nodeId").asString(), id));
        assertThat(runningOn).containsOnlyKeys("lab-1", "lab-2");
        List<String> queued = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            queued.add(nodes.two().submit("""
                    {"model": "THREADS", "parallelism": %d, "tasks": %d, "warmups": 0, "repetitions": 1,
                     "workload": {"kind": "io.sleep", "params": {"millis": 20}}}""".formatted(k, k)));
        }

        // SIGKILL: no shutdown, nothing recorded by the dying node.
        docker.killContainerCmd(nodes.twoContainer().getContainerId()).exec();

        JsonNode lost = nodes.one().awaitFinished(runningOn.get("lab-2"), LEASE.plus(RUN));
        assertThat(lost.get("status").asString()).as(lost.toString()).isEqualTo("FAILED");
        assertThat(lost.get("statusReason").asString()).startsWith("lease expired").contains("'lab-2'");
        // The survivor's own long experiment is cancelled to let the queue move on.
        assertThat(nodes.one().post("/api/v1/experiments/" + runningOn.get("lab-1") + "/cancel", "").status()).isEqualTo(200);
        for (int k = 1; k <= 3; k++) {
            JsonNode e = nodes.one().awaitFinished(queued.get(k - 1), RUN);
            assertThat(e.get("status").asString()).as(e.toString()).isEqualTo("SUCCEEDED");
            assertThat(e.get("nodeId").asString()).isEqualTo("lab-1");
            assertThat(e.at("/result/summary/checksum").asLong()).isEqualTo((long) k * (k + 1) / 2);
        }
    }

    private record Nodes(LabClient one, LabClient two, GenericContainer<?> twoContainer) {
    }

    private Nodes twoNodes;

    private Nodes startTwoNodes() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(LocalImages.postgres())
                .withNetwork(network).withNetworkAliases("postgres")
                .withDatabaseName("lab").withUsername("lab").withPassword("lab");
        start(postgres);
        Map<String, String> database = Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/lab",
                "SPRING_DATASOURCE_USERNAME", "lab",
                "SPRING_DATASOURCE_PASSWORD", "lab",
                "LAB_EXECUTION_POLLINTERVAL", "200ms",
                "LAB_EXECUTION_HEARTBEATINTERVAL", "500ms",
                "LAB_EXECUTION_LEASETIMEOUT", LEASE.toMillis() + "ms",
                // Spares the two cores the AOT cache training that the single container already showed.
                "LAB_LIMITS_WORKERS_AOTCACHE", "false");
        GenericContainer<?> one = lab("lab-1", database);
        GenericContainer<?> two = lab("lab-2", database);
        started.add(one);
        started.add(two);
        Startables.deepStart(one, two).join();
        twoNodes = new Nodes(client(one), client(two), two);
        return twoNodes;
    }

    private GenericContainer<?> lab(String nodeId, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("LAB_EXECUTION_NODEID", nodeId);
        // The first admin's token, as an operator gives it to a container (LabClient sends it).
        env.put("LAB_SECURITY_BOOTSTRAP_TOKEN", LabApi.ADMIN_TOKEN);
        // The image starts from the AOT cache trained in its build: told the cache is not optional,
        // a JVM that could not use it would not start at all.
        env.put("JAVA_OPTS", strictCacheFlag());
        Path log = LOGS.resolve(nodeId + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GenericContainer<>(IMAGE)
                .withNetwork(network)
                .withNetworkAliases(nodeId)
                .withEnv(env)
                .withExposedPorts(8080)
                .withLogConsumer(frame -> append(log, frame))
                .waitingFor(Wait.forHttp("/actuator/health").forStatusCode(200).withStartupTimeout(START));
    }

    /** -XX:AOTMode=on for an image on JDK 24+, -Xshare:on (its CDS archive) before. */
    private static String strictCacheFlag() {
        String runtime = LocalImages.buildArgs().getOrDefault("RUNTIME_IMAGE", "eclipse-temurin:25-jre");
        Matcher major = Pattern.compile(":(\\d+)").matcher(runtime);
        return major.find() && Integer.parseInt(major.group(1)) < 24 ? "-Xshare:on" : "-XX:AOTMode=on";
    }

    private <T extends GenericContainer<?>> T start(T container) {
        started.add(container);
        container.start();
        return container;
    }

    /** A client for the port Docker maps now: a restarted container gets a new one. */
    private LabClient client(GenericContainer<?> container) {
        Ports.Binding[] bindings = docker.inspectContainerCmd(container.getContainerId()).exec()
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8080));
        return new LabClient(container.getHost(), Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    private String healthOf(GenericContainer<?> container) {
        return docker.inspectContainerCmd(container.getContainerId()).exec().getState().getHealth().getStatus();
    }

    /** Worker JVMs alive in the container, found by their main class in /proc (the image has no ps). */
    private static int workerJvms(GenericContainer<?> container) throws IOException, InterruptedException {
        // Not the JVMs that build or check a worker cache, which the server starts on its own.
        ExecResult found = container.execInContainer("sh", "-c",
                "grep -l '" + WORKER_MAIN_PATTERN + "' /proc/[0-9]*/cmdline 2>/dev/null"
                        + " | xargs -r grep -L 'lab.worker.purpose=aot-cache' 2>/dev/null | wc -l");
        return Integer.parseInt(found.getStdout().strip());
    }

    private static void append(Path log, OutputFrame frame) {
        try {
            Files.writeString(log, frame.getUtf8String(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
