package org.concurrencylab.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The one field of an experiment or study its owner may change after submitting it. */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "Whether every signed-in user may read it.")
record ShareRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "true")
        @NotNull(message = "is required: true to share with every signed-in user, false to stop")
        Boolean shared) {}
