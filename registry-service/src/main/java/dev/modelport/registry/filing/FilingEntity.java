package dev.modelport.registry.filing;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "filing")
class FilingEntity {

    @Id
    UUID id;

    @Column(name = "organisation_id", nullable = false)
    UUID organisationId;

    @Column(nullable = false, length = 2)
    String jurisdiction;

    @Column(name = "filing_number", nullable = false, length = 64)
    String filingNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    FilingStatus status;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "filing_version", joinColumns = @JoinColumn(name = "filing_id"))
    @Column(name = "version_id")
    Set<UUID> versionIds = new LinkedHashSet<>();

    @Column(name = "decided_by", length = 255)
    String decidedBy;

    @Column(name = "decision_note", length = 2000)
    String decisionNote;

    @Column(name = "decided_at")
    Instant decidedAt;

    @Column(name = "created_by", nullable = false, length = 255)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "log_index")
    Long logIndex;

    @Version
    long version;
}
