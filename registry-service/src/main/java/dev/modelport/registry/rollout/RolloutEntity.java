package dev.modelport.registry.rollout;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "rollout")
class RolloutEntity {

    @Id
    UUID id;

    @Column(name = "owner_id", nullable = false)
    UUID ownerId;

    @Column(name = "channel_id", nullable = false)
    UUID channelId;

    @Column(name = "release_id", nullable = false)
    UUID releaseId;

    @Column(name = "previous_rollout_id")
    UUID previousRolloutId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    RolloutStatus status;

    /** JSON {@link Cohort}. */
    @Column(nullable = false)
    String cohort;

    /** JSON array of {@link Stage}. */
    @Column(nullable = false)
    String stages;

    @Column(name = "current_stage", nullable = false)
    int currentStage;

    @Column(name = "auto_advance", nullable = false)
    boolean autoAdvance;

    @Column(name = "halt_reason", length = 2000)
    String haltReason;

    @Column(name = "stage_started_at", nullable = false)
    Instant stageStartedAt;

    /** Set when resumed after a halt: stage rules count only outcomes reported since then. */
    @Column(name = "rules_since")
    Instant rulesSince;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    long version;
}
