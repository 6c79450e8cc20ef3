package dev.modelport.registry.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "audit_anchor")
class AuditAnchorEntity {

    @Id
    long seq;

    @Column(nullable = false, length = 64)
    String hash;

    @Column(name = "log_index", nullable = false)
    long logIndex;

    @Column(name = "leaf_hash", nullable = false, length = 64)
    String leafHash;

    @Column(name = "anchored_at", nullable = false)
    Instant anchoredAt;

    AuditAnchoring.Anchor view() {
        return new AuditAnchoring.Anchor(seq, hash, logIndex, leafHash, anchoredAt);
    }
}
