package org.concurrencylab.execution;

/**
 * Runs the tasks of one repetition on one execution model. Runners are called on the
 * experiment's own thread; interrupting that thread is how cancel and time limits stop a run, so
 * a runner must answer an interrupt by stopping its threads or processes before it returns.
 */
interface ModelRunner {

    RunMeasurement run(RunPlan plan) throws InterruptedException, ExecutionFailedException;

    /**
     * Opens a session for all repetitions of one experiment. By default each repetition stands
     * alone; a runner that can keep something warm between repetitions overrides this.
     */
    default RunSession open(RunPlan plan) {
        return new RunSession() {
            @Override
            public RunMeasurement run() throws InterruptedException, ExecutionFailedException {
                return ModelRunner.this.run(plan);
            }

            @Override
            public void close() {}
        };
    }
}
