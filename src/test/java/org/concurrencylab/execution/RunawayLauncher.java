package org.concurrencylab.execution;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@link WorkerLauncher}, with the limits a test gives, whose workers are
 * {@link RunawayWorker}s: the command is the launcher's own (JVM flags; the OS limits are set beside it), with the
 * worker's main class swapped for the runaway and the test classes as its classpath, and
 * optionally a command to run it as another OS user ({@code setpriv}).
 */
final class RunawayLauncher extends WorkerLauncher {

    private final String runaway;
    private final List<String> asUser;

    RunawayLauncher(Path workerDir, WorkerLimits limits, String runaway, List<String> asUser) {
        super(new ExecutionProperties(1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), null,
                Duration.ofSeconds(2), workerDir), limits, event -> {});
        this.runaway = runaway;
        this.asUser = asUser;
    }

    @Override
    List<String> spawnCommand(List<String> aotFlags) {
        List<String> real = super.spawnCommand(aotFlags);
        List<String> command = new ArrayList<>(asUser);
        for (int i = 0; i < real.size(); i++) {
            if (real.get(i).equals(WorkerJar.MAIN_CLASS)) {
                command.add("-Drunaway=" + runaway);
                command.add(RunawayWorker.class.getName());
            } else if (i > 0 && real.get(i - 1).equals("-cp")) {
                command.add(testClasses().toString());
            } else {
                command.add(real.get(i));
            }
        }
        return command;
    }

    private static Path testClasses() {
        try {
            return Path.of(RunawayWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
