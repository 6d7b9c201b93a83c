package org.concurrencylab.worker;

import java.io.IOException;
import org.concurrencylab.core.Workload;
import org.concurrencylab.workload.ServerLink;
import org.concurrencylab.workload.SharedRegion;

/**
 * What a worker connects a freshly built workload to, besides its params: the run's shared region
 * (ipc.shared, mapped at ATTACH, before the CONFIGURE that builds the workload) and the link to the
 * server (ipc.manager, ipc.queue). Used by the main thread only, while no chunk is in flight.
 */
final class Connections {

    private final ServerLink server;
    private SharedRegion attached;
    private String attachError;

    Connections(ServerLink server) {
        this.server = server;
    }

    /**
     * Maps the run's shared region, for the workload the next CONFIGURE builds. A region that cannot
     * be mapped is reported like a workload that cannot be built: by every task, with the reason.
     */
    void attach(Frame.Attach attach) {
        dropRegion();
        try {
            attached = SharedRegion.open(attach.owner(), attach.token());
        } catch (IOException | RuntimeException e) {
            attachError = "cannot map the shared region: " + e.getMessage();
        }
    }

    /**
     * Connects {@code built} (of {@code kindId}) to what it needs; the region attached for it goes
     * to it or is closed, never kept for a later workload.
     *
     * @throws IllegalStateException if the region could not be mapped, or was sent for a kind that shares none
     */
    void connect(Workload built, String kindId) {
        SharedRegion region = attached;
        String error = attachError;
        attached = null;
        attachError = null;
        if (error != null) {
            throw new IllegalStateException(error);
        }
        if (region != null) {
            if (!(built instanceof SharedRegion.User user)) {
                region.close();
                throw new IllegalStateException(kindId + " shares no region, but one was attached");
            }
            user.attach(region);
        }
        if (built instanceof ServerLink.User user) {
            user.connect(server);
        }
    }

    private void dropRegion() {
        if (attached != null) {
            attached.close();
        }
        attached = null;
        attachError = null;
    }
}
