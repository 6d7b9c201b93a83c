package org.concurrencylab.measure;

import java.lang.management.ManagementFactory;
import java.util.List;

/** Where a result was measured, captured when the experiment starts. */
public record Environment(
        int availableProcessors,
        String javaVersion,
        String javaVendor,
        String vmName,
        List<String> jvmFlags,
        String osName,
        String osArch,
        double systemLoadAverage,
        String nodeId) {

    public static Environment capture(String nodeId) {
        return new Environment(
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"),
                currentJvmFlags(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                Rounding.round3(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                nodeId);
    }

    /** -X and -XX flags only: -D properties may carry credentials such as a datasource password. */
    private static List<String> currentJvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-X"))
                .toList();
    }
}
