package org.concurrencylab.workload;

import org.concurrencylab.core.Workload;

/**
 * A workload whose tasks call an object the server holds (ipc.manager's counter, ipc.queue's
 * queue): the worker connects its {@link ServerLink} after building it, and a task without one (an
 * in-process run, which the definitions refuse) fails saying why.
 */
abstract class ServerLinked implements Workload, ServerLink.User {

    // Set by the worker before the first chunk; read by tasks.
    private volatile ServerLink server;

    @Override
    public void connect(ServerLink link) {
        this.server = link;
    }

    /** The link the worker connected; without one, {@code missing} says why no task can run. */
    ServerLink server(String missing) {
        ServerLink link = server;
        if (link == null) {
            throw new IllegalStateException(missing);
        }
        return link;
    }
}
