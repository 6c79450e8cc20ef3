package dev.modelport.registry.fingerprint;

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
@Table(name = "provenance_finding")
class FindingEntity {

    @Id
    UUID id;

    @Column(name = "version_id", nullable = false)
    UUID versionId;

    @Column(name = "owner_id", nullable = false)
    UUID ownerId;

    @Column(name = "matched_version_id", nullable = false)
    UUID matchedVersionId;

    @Column(nullable = false, length = 71)
    String digest;

    @Column(name = "matched_digest", nullable = false, length = 71)
    String matchedDigest;

    @Column(nullable = false)
    double score;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    FindingStatus status;

    @Column(length = 2000)
    String reason;

    @Column(name = "decided_by", length = 255)
    String decidedBy;

    @Column(name = "decided_org_id")
    UUID decidedOrgId;

    @Column(name = "decided_at")
    Instant decidedAt;

    @Column(name = "decision_log_index")
    Long decisionLogIndex;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Version
    long version;
}
