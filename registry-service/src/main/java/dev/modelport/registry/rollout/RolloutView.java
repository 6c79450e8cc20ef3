package dev.modelport.registry.rollout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rollout with its stages, their rules and per-stage device counts (from the devices' latest reports; all of
 * them, also those from before a resume). {@code rulesSince}: set when resumed after a halt, the time from which
 * the stage rules count outcomes.
 */
public record RolloutView(UUID id, String owner, UUID channelId, UUID releaseId, String version,
                          UUID previousRolloutId, RolloutStatus status, Cohort cohort, List<StageView> stages,
                          int currentStage, boolean autoAdvance, String haltReason, Instant stageStartedAt,
                          Instant rulesSince,
                          String createdBy, Instant createdAt, Instant updatedAt) {

    public RolloutView {
        stages = List.copyOf(stages);
    }

    /** A stage: its rule, and counts of devices whose bucket first falls in it, by their latest report. */
    public record StageView(int index, double percent, int minHealthy, double maxFailureRate, int minSamples,
                            String state, long devices, long healthy, long failed, long installing) {
    }
}
