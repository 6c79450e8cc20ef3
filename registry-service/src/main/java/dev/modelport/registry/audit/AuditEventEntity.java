package dev.modelport.registry.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "audit_event")
class AuditEventEntity {

    @Id
    long seq;

    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

    @Column(nullable = false, length = 255)
    String actor;

    @Column(name = "actor_name", length = 255)
    String actorName;

    @Column(name = "actor_org_id")
    UUID actorOrgId;

    @Column(name = "org_id")
    UUID orgId;

    @Column(nullable = false, length = 64)
    String action;

    @Column(name = "object_type", nullable = false, length = 32)
    String objectType;

    @Column(name = "object_id", nullable = false, length = 300)
    String objectId;

    @Column(name = "before_json", columnDefinition = "text")
    String beforeJson;

    @Column(name = "after_json", columnDefinition = "text")
    String afterJson;

    @Column(name = "prev_hash", nullable = false, length = 64)
    String prevHash;

    @Column(nullable = false, length = 64)
    String hash;

    AuditEvent event() {
        return new AuditEvent(seq, occurredAt, actor, actorName, actorOrgId, orgId, action, objectType, objectId,
                beforeJson, afterJson, prevHash);
    }
}
