package dev.modelport.registry.audit;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads the audit trail: tenancy-scoped history, and verification of the whole hash chain. */
@ApplicationScoped
public class AuditService {

    private static final int BATCH = 500;

    @Inject
    AuditRepository events;

    @Inject
    EntityManager em;

    @Inject
    OrgService orgs;

    @Inject
    AuditAnchoring anchoring;

    /** What verification found: {@code firstBrokenSeq} is null when the chain is intact. */
    public record Verification(boolean valid, long eventsChecked, long headSeq, Long firstBrokenSeq, String reason) {
    }

    /**
     * Walks the chain from the first event, recomputing every hash. Reports the first event whose content, link or
     * sequence number is wrong, or a head that does not match the last event (the newest events were deleted).
     */
    @Transactional
    public Verification verify() {
        AuditHeadEntity head = em.find(AuditHeadEntity.class, AuditHeadEntity.ID);
        Map<Long, String> anchored = new HashMap<>();
        anchoring.all().forEach(a -> anchored.put(a.seq(), a.hash()));
        String prevHash = AuditEvent.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        List<AuditEventEntity> batch = events.batchAfter(0, BATCH);
        while (!batch.isEmpty()) {
            for (AuditEventEntity row : batch) {
                String problem = check(row, expectedSeq, prevHash);
                if (problem == null && anchored.containsKey(row.seq) && !anchored.get(row.seq).equals(row.hash)) {
                    problem = "event " + row.seq + " differs from the chain head anchored in the transparency log";
                }
                if (problem != null) {
                    return new Verification(false, checked, head.seq, Math.min(row.seq, expectedSeq), problem);
                }
                prevHash = row.hash;
                expectedSeq++;
                checked++;
            }
            em.clear();
            batch = events.batchAfter(expectedSeq - 1, BATCH);
        }
        if (head.seq != expectedSeq - 1 || !head.hash.equals(prevHash)) {
            return new Verification(false, checked, head.seq, expectedSeq,
                    "the chain head names event " + head.seq + " but the chain ends at " + (expectedSeq - 1));
        }
        return new Verification(true, checked, head.seq, null, null);
    }

    private static String check(AuditEventEntity row, long expectedSeq, String prevHash) {
        if (row.seq != expectedSeq) {
            return "event " + expectedSeq + " is missing";
        }
        if (!row.prevHash.equals(prevHash)) {
            return "event " + row.seq + " does not link to the hash of event " + (row.seq - 1);
        }
        String recomputed;
        try {
            recomputed = row.event().hash();
        } catch (RuntimeException unparsable) {
            return "event " + row.seq + " holds a before/after value that is not valid JSON";
        }
        if (!recomputed.equals(row.hash)) {
            return "event " + row.seq + " was changed after it was written";
        }
        return null;
    }

    /** The history of one object ({@code type:id}) or of everything, limited to what the caller may read. */
    @Transactional
    public Page<AuditEventView> list(Caller caller, String object, String cursor, int limit) {
        String type = null;
        String id = null;
        if (object != null) {
            int colon = object.indexOf(':');
            if (colon <= 0 || colon == object.length() - 1) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED,
                        "object must be written type:id, for example model:acme-ai/glm-9b");
            }
            type = object.substring(0, colon);
            id = object.substring(colon + 1);
        }
        long after = afterSeq(cursor);
        List<AuditEventEntity> rows = events.page(after, type, id, caller.isAdmin(), readableOrgs(caller),
                limit + 1);
        return Page.of(rows, limit, r -> Long.toString(r.seq)).map(AuditService::view);
    }

    private List<UUID> readableOrgs(Caller caller) {
        if (caller.org().isEmpty()) {
            return List.of(new UUID(0, 0));
        }
        OrgView org = caller.org().get();
        List<UUID> ids = new ArrayList<>(List.of(org.id()));
        if (caller.isRegulator()) {
            ids.addAll(orgs.idsInJurisdictions(Set.copyOf(org.jurisdictions())));
        }
        return ids;
    }

    private static long afterSeq(String cursor) {
        String key = Cursor.decode(cursor);
        try {
            return key.isEmpty() ? 0 : Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new DomainException(ErrorCode.BAD_CURSOR, "cursor '" + cursor + "' was not issued by this API");
        }
    }

    private static AuditEventView view(AuditEventEntity row) {
        return new AuditEventView(row.seq, row.occurredAt, row.actorName, row.action, row.objectType, row.objectId,
                row.beforeJson, row.afterJson, row.hash);
    }
}
