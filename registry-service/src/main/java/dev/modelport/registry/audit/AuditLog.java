package dev.modelport.registry.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Appends hash-chained audit events. Call it inside the transaction that makes the change, as its last step: the
 * event commits or rolls back with the change, and the chain head stays locked only until that commit.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /**
     * Records that {@code caller} did {@code action} to an object of {@code org}. {@code before} and {@code after}
     * are the object's API views (or null when it did not or no longer exists).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, OrgView org, String action, String objectType, String objectId, Object before,
                       Object after) {
        // Every appender takes this row lock first, so appends are serial and the chain cannot fork.
        AuditHeadEntity head = em.find(AuditHeadEntity.class, AuditHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
        UUID actorOrg = caller.org().map(OrgView::id).orElse(null);
        AuditEvent event = new AuditEvent(head.seq + 1, Instant.now().truncatedTo(ChronoUnit.MICROS),
                caller.subject(), caller.username(), actorOrg, org == null ? null : org.id(), action, objectType,
                objectId, snapshot(before), snapshot(after), head.hash);
        AuditEventEntity row = new AuditEventEntity();
        row.seq = event.seq();
        row.occurredAt = event.occurredAt();
        row.actor = event.actor();
        row.actorName = event.actorName();
        row.actorOrgId = event.actorOrgId();
        row.orgId = event.orgId();
        row.action = action;
        row.objectType = objectType;
        row.objectId = objectId;
        row.beforeJson = event.before();
        row.afterJson = event.after();
        row.prevHash = event.prevHash();
        row.hash = event.hash();
        em.persist(row);
        head.seq = row.seq;
        head.hash = row.hash;
    }

    private String snapshot(Object value) {
        return value == null ? null : AuditEvent.canonical(mapper.valueToTree(value));
    }
}
