package org.concurrencylab.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.concurrencylab.ConcurrencyLabApplication;
import org.concurrencylab.support.LabApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * First start without a configured token: the admin's token goes to a file only its owner can
 * read, and works; a second start on the same store changes nothing, not even a removed file.
 */
class BootstrapAdminTest {

    @TempDir
    Path folder;

    private ConfigurableApplicationContext start(Path tokenFile) {
        return new SpringApplicationBuilder(ConcurrencyLabApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("lab").toAbsolutePath(),
                "--lab.execution.worker-dir=" + folder.resolve("workers").toAbsolutePath(),
                "--lab.limits.workers.aot-cache=false",
                "--lab.security.admin-token-file=" + tokenFile.toAbsolutePath());
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void aGeneratedTokenIsWrittenOwnerOnlyOnceAndLaterStartsChangeNothing() throws Exception {
        Path tokenFile = folder.resolve("data").resolve("admin-token");
        String token;
        try (ConfigurableApplicationContext first = start(tokenFile)) {
            assertThat(tokenFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            token = Files.readString(tokenFile).strip();
            assertThat(token).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
            LabApi.Response me = new LabApi(port(first), token).get("/api/v1/me");
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("name").asString()).isEqualTo("admin");
        }

        Files.delete(tokenFile);
        try (ConfigurableApplicationContext second = start(tokenFile)) {
            assertThat(tokenFile).doesNotExist();
            LabApi api = new LabApi(port(second), token);
            assertThat(api.get("/api/v1/me").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/users").json().get("users")).hasSize(1);
        }
    }
}
