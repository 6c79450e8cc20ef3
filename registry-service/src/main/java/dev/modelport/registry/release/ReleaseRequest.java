package dev.modelport.registry.release;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A release: a published version of the channel's model, one build per device class, and the regions it may reach.
 * {@code antiRollback} is the security floor devices raise when they activate one of its builds; keep it unchanged
 * unless older releases must never run again (a rollback below it is refused by devices).
 */
public record ReleaseRequest(
        @NotBlank @Size(max = 64) String version,
        @NotEmpty @Size(max = 64) List<@NotNull UUID> builds,
        @NotEmpty @Size(max = 250) List<@NotNull @Pattern(regexp = "^[A-Z]{2}$",
                message = "must be an ISO 3166-1 alpha-2 code") String> regions,
        @PositiveOrZero @Max(1_000_000) int antiRollback) {
}
