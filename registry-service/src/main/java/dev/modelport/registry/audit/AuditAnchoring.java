package dev.modelport.registry.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.registry.trust.log.LogEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.intoto.Subject;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anchors the audit chain in the transparency log: whenever the chain has grown, its head (seq and hash) goes into
 * the log as a platform-signed in-toto statement. The hash chain shows an edited row; the anchors show a chain that
 * was rewritten wholesale, because the logged heads can no longer be changed.
 */
@ApplicationScoped
public class AuditAnchoring {

    public static final String PREDICATE_TYPE = "https://modelport.dev/attestation/audit-anchor/v1";
    public static final String SUBJECT = "modelport-audit-chain";

    public record Anchor(long seq, String hash, long logIndex, String leafHash, Instant anchoredAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    TransparencyLog log;

    @Inject
    Clock clock;

    @Scheduled(every = "${modelport.audit.anchor-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        anchorHead();
    }

    /** Anchors the current head unless it is anchored already; returns the newest anchor. */
    @Transactional
    public Optional<Anchor> anchorHead() {
        // Locking the head keeps the chain from growing between reading it and logging it. The log's lock comes first:
        // features append to the log and then record their audit event, in that order; taking the audit head first
        // here would deadlock with them.
        log.lockForAppend();
        AuditHeadEntity head = em.find(AuditHeadEntity.class, AuditHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
        Optional<Anchor> latest = latest();
        if (head.seq == 0 || latest.map(a -> a.seq() >= head.seq).orElse(false)) {
            return latest;
        }
        ObjectNode predicate = JsonNodeFactory.instance.objectNode().put("seq", head.seq).put("hash", head.hash);
        Statement statement = Statement.of(List.of(new Subject(SUBJECT, Map.of("sha256", head.hash))),
                PREDICATE_TYPE, predicate);
        LogEntry entry = log.signAndAppend(statement);
        AuditAnchorEntity anchor = new AuditAnchorEntity();
        anchor.seq = head.seq;
        anchor.hash = head.hash;
        anchor.logIndex = entry.index();
        anchor.leafHash = entry.leafHash();
        anchor.anchoredAt = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        em.persist(anchor);
        return Optional.of(anchor.view());
    }

    @Transactional
    public Optional<Anchor> latest() {
        return em.createQuery("from AuditAnchorEntity order by seq desc", AuditAnchorEntity.class).setMaxResults(1)
                .getResultStream().findFirst().map(AuditAnchorEntity::view);
    }

    /** Every anchor, oldest first, as verification compares them with the chain. */
    List<Anchor> all() {
        return em.createQuery("from AuditAnchorEntity order by seq", AuditAnchorEntity.class).getResultStream()
                .map(AuditAnchorEntity::view).toList();
    }
}
