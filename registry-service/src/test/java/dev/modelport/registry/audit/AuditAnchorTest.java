package dev.modelport.registry.audit;

import static dev.modelport.registry.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.RealStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit chain's head is anchored in the transparency log, which catches even a wholesale, consistent rewrite. */
@QuarkusTest
@WithTestResource(RealStack.class)
class AuditAnchorTest {

    @Inject
    AuditAnchoring anchoring;

    @Inject
    EntityManager em;

    private record Saved(long seq, String afterJson, String prevHash, String hash) {
    }

    private void auditedChange() {
        as("admin").body(Map.of("slug", Api.unique("anchor"), "name", "Anchored Org", "kind", "OEM",
                "jurisdictions", List.of("US"))).post("/api/v1/orgs").then().statusCode(201);
    }

    @Test
    void anchorIsInTheLogWithAnInclusionProof() {
        auditedChange();
        AuditAnchoring.Anchor anchor = anchoring.anchorHead().orElseThrow();
        as("regulator").get("/api/v1/audit/anchors/latest").then().statusCode(200)
                .body("seq", equalTo((int) anchor.seq()))
                .body("logIndex", equalTo((int) anchor.logIndex()));
        as("regulator").queryParam("leafHash", anchor.leafHash()).get("/api/v1/log/proof/inclusion").then()
                .statusCode(200);
        assertThat(anchoring.anchorHead()).contains(anchor);
    }

    @Test
    void consistentRewriteOfTheWholeChainIsCaughtByTheAnchor() {
        auditedChange();
        long anchoredSeq = anchoring.anchorHead().orElseThrow().seq();
        List<Saved> originals = rewriteFrom(anchoredSeq);
        try {
            as("admin").get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("reason", containsString("anchored in the transparency log"));
        } finally {
            restore(originals);
        }
        as("admin").get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    /** What an attacker with database rights would do: edit an event and recompute every later hash and the head. */
    private List<Saved> rewriteFrom(long seq) {
        List<Saved> saved = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change").executeUpdate();
            String prev = null;
            for (AuditEventEntity row : events(seq)) {
                saved.add(new Saved(row.seq, row.afterJson, row.prevHash, row.hash));
                if (prev == null) {
                    row.afterJson = "{\"rewritten\":true}";
                } else {
                    row.prevHash = prev;
                }
                row.hash = row.event().hash();
                prev = row.hash;
            }
            em.find(AuditHeadEntity.class, AuditHeadEntity.ID).hash = prev;
            em.flush();
            em.createNativeQuery("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change").executeUpdate();
        });
        return saved;
    }

    private void restore(List<Saved> originals) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change").executeUpdate();
            for (Saved original : originals) {
                AuditEventEntity row = em.find(AuditEventEntity.class, original.seq());
                row.afterJson = original.afterJson();
                row.prevHash = original.prevHash();
                row.hash = original.hash();
            }
            em.find(AuditHeadEntity.class, AuditHeadEntity.ID).hash = originals.get(originals.size() - 1).hash();
            em.flush();
            em.createNativeQuery("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change").executeUpdate();
        });
    }

    private List<AuditEventEntity> events(long fromSeq) {
        return em.createQuery("from AuditEventEntity where seq >= :seq order by seq", AuditEventEntity.class)
                .setParameter("seq", fromSeq).getResultList();
    }
}
