package dev.modelport.registry.provenance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "provenance_claim")
class ClaimEntity {

    @Id
    @Column(name = "version_id")
    UUID versionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    ProvenanceClass claim;

    @Column(nullable = false, length = 2000)
    String statement;

    @Column(name = "claimed_by", nullable = false, length = 255)
    String claimedBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    /** Set when a regulator confirmed a finding that contradicts the claim; the claim stays on record. */
    @Column(name = "suspended_at")
    Instant suspendedAt;

    @Column(name = "suspended_reason", length = 2000)
    String suspendedReason;
}
