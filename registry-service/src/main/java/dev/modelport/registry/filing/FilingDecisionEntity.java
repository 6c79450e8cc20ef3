package dev.modelport.registry.filing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One regulator decision on a filing, kept as history (the filing row holds only the newest). */
@Entity
@Table(name = "filing_decision")
class FilingDecisionEntity {

    @Id
    UUID id;

    @Column(name = "filing_id", nullable = false)
    UUID filingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    FilingStatus decision;

    @Column(nullable = false, length = 2000)
    String reason;

    @Column(name = "decided_by", nullable = false, length = 255)
    String decidedBy;

    @Column(name = "decided_at", nullable = false)
    Instant decidedAt;

    @Column(name = "action_log_index", nullable = false)
    long actionLogIndex;

    @Column(name = "record_log_index", nullable = false)
    long recordLogIndex;
}
