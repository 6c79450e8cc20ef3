package dev.modelport.registry.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One device event as the OTA client sends it (docs/ota-client.md); unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportEvent(@NotBlank @Size(max = 64) String eventId,
                          @NotBlank @Pattern(regexp = "^[A-Z_]{1,16}$", message = "must be an event type such as "
                                  + "HEALTHY") String type,
                          @Pattern(regexp = "^sha256:[0-9a-f]{64}$", message = "must be sha256:<64 hex>")
                          String buildDigest,
                          @Size(max = 1000) String reason,
                          @Size(max = 64) String at) {

    /** The stable code a reason starts with ({@code "HEALTH_CHECK_FAILED: ..."} → HEALTH_CHECK_FAILED). */
    String reasonCode() {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        int colon = reason.indexOf(':');
        String code = (colon < 0 ? reason : reason.substring(0, colon)).trim();
        return code.length() > 64 ? code.substring(0, 64) : code;
    }
}
