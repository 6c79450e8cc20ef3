package dev.modelport.registry.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "compliance_hold")
class ComplianceHoldEntity {

    @Id
    UUID id;

    @Column(name = "version_id", nullable = false)
    UUID versionId;

    @Column(nullable = false, length = 2)
    String jurisdiction;

    @Column(nullable = false, length = 2000)
    String reason;

    @Column(name = "placed_by", nullable = false, length = 255)
    String placedBy;

    @Column(name = "placed_at", nullable = false)
    Instant placedAt;

    @Column(name = "place_log_index")
    Long placeLogIndex;

    @Column(name = "lifted_by", length = 255)
    String liftedBy;

    @Column(name = "lifted_at")
    Instant liftedAt;

    @Column(name = "lift_reason", length = 2000)
    String liftReason;

    @Column(name = "lift_log_index")
    Long liftLogIndex;

    @Version
    long version;
}
