package org.concurrencylab.experiment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.concurrencylab.experiment.RunningExperiment.StopReason;

/** The experiments this node is running right now, by id: what it renews leases on and can stop. */
final class ActiveRuns {

    private final Map<String, RunningExperiment> runs = new ConcurrentHashMap<>();

    RunningExperiment add(Claim claim) {
        RunningExperiment run = new RunningExperiment(claim);
        runs.put(run.id(), run);
        return run;
    }

    void remove(RunningExperiment run) {
        runs.remove(run.id(), run);
    }

    int size() {
        return runs.size();
    }

    /** The ids running now, as a copy: the set changes while a query is built from it. */
    Set<String> ids() {
        return Set.copyOf(runs.keySet());
    }

    /** The runs now, as a copy. */
    List<RunningExperiment> runs() {
        return List.copyOf(runs.values());
    }

    /** Stops an experiment if this node runs it; false when it does not. */
    boolean stop(String id, StopReason reason) {
        RunningExperiment run = runs.get(id);
        if (run == null) {
            return false;
        }
        run.stop(reason);
        return true;
    }

    void stopAll(StopReason reason) {
        runs.values().forEach(run -> run.stop(reason));
    }
}
