package dev.modelport.registry.release;

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
@Table(name = "release")
class ReleaseEntity {

    @Id
    UUID id;

    @Column(name = "channel_id", nullable = false)
    UUID channelId;

    @Column(name = "version_id", nullable = false)
    UUID versionId;

    @Column(nullable = false)
    int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    ReleaseStatus status;

    @Column(name = "entitlement_id")
    UUID entitlementId;

    /** JSON array of region codes. */
    @Column(nullable = false)
    String regions;

    /** JSON array of {@link ReleaseBuild}. */
    @Column(nullable = false)
    String builds;

    /** JSON object jurisdiction → filing number. */
    @Column(nullable = false)
    String filings;

    @Column(name = "anti_rollback", nullable = false)
    int antiRollback;

    @Column(name = "log_index")
    Long logIndex;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Version
    long version;
}
