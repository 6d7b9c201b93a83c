package org.concurrencylab.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * First start: when the store has no user, makes the {@code admin} so that someone can get in.
 * Runs before the web server opens its port. Later starts (any user exists) change nothing.
 */
@Component
class BootstrapAdmin implements SmartInitializingSingleton {

    static final String ADMIN_NAME = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final UserAccounts accounts;
    private final LabSecurityProperties properties;

    BootstrapAdmin(UserAccounts accounts, LabSecurityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (accounts.anyUser()) {
            return;
        }
        boolean configured = properties.bootstrapToken() != null;
        String token = configured ? properties.bootstrapToken() : Tokens.generate();
        try {
            accounts.bootstrapAdmin(ADMIN_NAME, token);
        } catch (DuplicateKeyException e) {
            // Several nodes on one fresh PostgreSQL: another one made the admin first.
            LOG.info("another node created the first admin");
            return;
        }
        if (configured) {
            LOG.info("created the first user, '{}', with the token of lab.security.bootstrap-token", ADMIN_NAME);
        } else {
            Path file = properties.adminTokenFile().toAbsolutePath();
            writeOwnerOnly(file, token);
            LOG.info("created the first user, '{}'; its token is in {} (readable by this account only)", ADMIN_NAME, file);
        }
    }

    /** Writes the token so that no other account on the machine can read it, not even for an instant. */
    static void writeOwnerOnly(Path file, String token) {
        try {
            Files.createDirectories(file.getParent());
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), attributes)) {
                // A file left from an earlier store keeps its old permissions on CREATE: tighten them too.
                if (posix) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                }
                channel.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the first admin's token to " + file, e);
        }
    }
}
