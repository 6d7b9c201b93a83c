package org.concurrencylab.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Temp directories for a run's files, named after the JVM that owns them
 * ({@code concurrency-lab-io-<pid>-<random>}). A worker JVM that is killed mid-run never gets to
 * remove its directory, so every new one first removes those whose owning process has ended. The
 * owner's pid, not the directory's age, decides: several services and their workers may share one
 * temp folder, and a live run's directory must never go, however long it runs.
 */
final class RunDirectories {

    static final String PREFIX = "concurrency-lab-io-";

    private RunDirectories() {
    }

    /** A new directory for this JVM, after sweeping away those of JVMs that have ended. */
    static Path create() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        removeOrphans(temp);
        try {
            return Files.createTempDirectory(temp, PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp directory for io.file", e);
        }
    }

    /** Removes the run directories under {@code temp} whose owning process is no longer alive. */
    static void removeOrphans(Path temp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path dir : dirs) {
                OptionalLong owner = ownerPid(dir.getFileName().toString());
                if (owner.isPresent() && ProcessHandle.of(owner.getAsLong()).isEmpty()) {
                    removeQuietly(dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // An unreadable temp folder: the sweep is housekeeping, and the run can go on without it.
        }
    }

    /** The pid a directory name carries; empty for names this class did not make. */
    static OptionalLong ownerPid(String name) {
        if (!name.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Deletes a directory and everything in it, as far as it can; never throws. */
    static void removeQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(RunDirectories::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // Already gone, or unreadable: nothing more can be done here.
        }
    }

    /** Deletes one file or empty directory if it can; a directory still written to stays. */
    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A directory a late task still writes into; that task removes it when it ends.
        }
    }
}
