package org.concurrencylab.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.concurrencylab.core.TaskRecord;

/** Collects task records from futures, turning a task's failure into the run's failure. */
final class TaskResults {

    private TaskResults() {}

    static List<TaskRecord> collect(List<? extends Future<TaskRecord>> futures)
            throws InterruptedException, ExecutionFailedException {
        List<TaskRecord> records = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                records.add(futures.get(i).get());
            } catch (ExecutionException e) {
                rethrow(failure(e.getCause(), i));
            }
        }
        return records;
    }

    /**
     * What a task's throwable means for the run: an interrupt stays an interrupt (cancel or time
     * limit), anything else fails the run naming the task.
     */
    static Exception failure(Throwable cause, int index) {
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ExecutionFailedException named) {
            return named;
        }
        if (cause instanceof InterruptedException) {
            return new InterruptedException("task " + index + " interrupted");
        }
        return new ExecutionFailedException("task " + index + " failed: " + cause, cause);
    }

    /** Throws what {@link #failure} made: it is always one of the two. */
    static void rethrow(Exception e) throws InterruptedException, ExecutionFailedException {
        if (e instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        throw (ExecutionFailedException) e;
    }
}
