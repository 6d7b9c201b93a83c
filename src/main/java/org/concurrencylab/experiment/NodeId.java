package org.concurrencylab.experiment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.concurrencylab.execution.ExecutionProperties;

/** This node's name in the shared queue: the rows it claims and the leases it renews carry it. */
record NodeId(String value) {

    /** {@code lab.execution.node-id}, or the host name when it is not set. */
    static NodeId of(ExecutionProperties properties) {
        String configured = properties.nodeId();
        return new NodeId(configured != null && !configured.isBlank() ? configured : hostName());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
