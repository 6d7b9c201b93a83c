package org.concurrencylab.execution;

/** A run could not finish: a task threw, or a worker died. The message is shown to users. */
public class ExecutionFailedException extends Exception {

    public ExecutionFailedException(String message) {
        super(message);
    }

    public ExecutionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
