package dev.modelport.registry.rollout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Starts a release's rollout: to whom, in which stages, advancing by itself or only when told. */
public record RolloutRequest(@NotNull UUID release,
                             @Valid Cohort cohort,
                             @NotEmpty @Size(max = 20) List<@Valid @NotNull Stage> stages,
                             Boolean autoAdvance) {
}
