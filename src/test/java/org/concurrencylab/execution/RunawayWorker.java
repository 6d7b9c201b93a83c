package org.concurrencylab.execution;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker JVM that runs away at once, before it ever says READY, in the one way {@code -Drunaway}
 * names: what a runaway workload would do, so that the limits a worker starts under, and the
 * reason an experiment then fails with, are tested without any such workload in the catalog. Test
 * code only: {@link RunawayLauncher} starts it in place of the worker's main class.
 */
public final class RunawayWorker {

    private RunawayWorker() {}

    /** What the metaspace runaway defines over and over. */
    static final class Filler {
        int a;
        long b;

        long sum() {
            return a + b;
        }
    }

    public static void main(String[] args) throws IOException {
        switch (System.getProperty("runaway")) {
            case "heap" -> {
                List<byte[]> hoard = new ArrayList<>();
                while (true) {
                    hoard.add(new byte[1 << 20]);
                }
            }
            case "metaspace" -> {
                // The same small class defined again and again as a hidden class: each copy is
                // class metadata that stays while it is referenced.
                byte[] bytes;
                try (InputStream in = RunawayWorker.class.getResourceAsStream("RunawayWorker$Filler.class")) {
                    bytes = in.readAllBytes();
                }
                List<Class<?>> classes = new ArrayList<>();
                while (true) {
                    try {
                        classes.add(MethodHandles.lookup().defineHiddenClass(bytes, false).lookupClass());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            case "cpu" -> {
                long x = 1;
                while (x != 0) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
            }
            case "files" -> {
                List<InputStream> open = new ArrayList<>();
                while (true) {
                    open.add(new FileInputStream("/proc/self/stat"));
                }
            }
            case "fsize" -> {
                Path file = Files.createTempFile("runaway-", ".bin");
                try (FileOutputStream out = new FileOutputStream(file.toFile())) {
                    byte[] chunk = new byte[1 << 16];
                    while (true) {
                        out.write(chunk);
                    }
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            case "stderr" -> {
                while (true) {
                    System.err.println("runaway worker: one more line nobody asked for");
                }
            }
            case "threads" -> {
                while (true) {
                    Thread.ofPlatform().daemon().start(LockSupport::park);
                }
            }
            default -> throw new IllegalArgumentException("no such runaway: " + System.getProperty("runaway"));
        }
    }
}
