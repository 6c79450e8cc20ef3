package dev.modelport.registry.rollout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the check-in snapshot needs of a rollout; no access checks, not for the API. */
public record RolloutState(UUID id, UUID ownerId, UUID channelId, UUID releaseId, UUID previousRolloutId,
                           RolloutStatus status, Cohort cohort, List<Stage> stages, int currentStage,
                           Instant createdAt) {

    /** Buckets below this get the release now: the current stage's share, all of it once completed. */
    public int threshold() {
        return status == RolloutStatus.COMPLETED || status == RolloutStatus.SUPERSEDED ? Bucketing.BUCKETS
                : Bucketing.threshold(stages.get(currentStage).percent());
    }
}
