package org.concurrencylab.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * People and access ({@code lab.security.*}).
 *
 * @param bootstrapToken the first admin's token, for automation and containers (env
 *     {@code LAB_SECURITY_BOOTSTRAP_TOKEN}); used only when the store has no user yet. Without it,
 *     a fresh token is written to {@code adminTokenFile}
 * @param adminTokenFile where a generated first-admin token is written (owner-only permissions)
 * @param maxBatchSize the most accounts one {@code POST /api/v1/users/batch} makes
 * @param corsAllowedOrigins origins a browser may call the API from; empty (the default) turns CORS off
 */
@Validated
@ConfigurationProperties("lab.security")
record LabSecurityProperties(
        // At least as hard to guess as a generated one would be, in the characters a header carries.
        @Size(min = 32, max = 256, message = "lab.security.bootstrap-token must be 32 to 256 characters")
        @Pattern(regexp = "[A-Za-z0-9._~+/=-]*", message = "lab.security.bootstrap-token may hold letters, digits and -._~+/= only")
        String bootstrapToken,
        @DefaultValue("./data/admin-token") @NotNull Path adminTokenFile,
        @DefaultValue("100") @Min(1) @Max(1000) int maxBatchSize,
        List<String> corsAllowedOrigins) {

    LabSecurityProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        bootstrapToken = bootstrapToken == null || bootstrapToken.isBlank() ? null : bootstrapToken;
    }
}
