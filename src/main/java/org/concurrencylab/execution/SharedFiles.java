package org.concurrencylab.execution;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files in the worker folder (the worker jar, the AOT cache), which several servers may share
 * and read while one of them writes: each is named by a hash of what makes it, and appears whole.
 */
final class SharedFiles {

    private SharedFiles() {}

    /**
     * Moves a finished file onto {@code target}, in one step where the file system can, so a reader
     * never sees half of it; readable by every server sharing the folder.
     */
    static void publish(Path finished, Path target) throws IOException {
        // Temporary files are owner-only; other servers sharing the folder must be able to read it.
        if (Files.getFileStore(finished).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(finished, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The SHA-256 of {@code bytes} in lower-case hex. */
    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
