package dev.modelport.registry.dossier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.common.crypto.Sha256;
import dev.modelport.registry.provenance.AncestryEdge;
import dev.modelport.registry.trust.log.LogEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.intoto.Subject;
import dev.modelport.signing.json.CanonicalJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * The platform's signed statement of a version's whole ancestry ({@value #PREDICATE_TYPE}): every edge with its
 * owners and licence. Lineage is not otherwise a logged statement, so the dossier attests it when it is made; the
 * statement carries no time, and Ed25519 signatures are deterministic, so an unchanged lineage yields the same
 * envelope and the log keeps one entry for it (appends are idempotent).
 */
@ApplicationScoped
class LineageAttestation {

    static final String PREDICATE_TYPE = "https://modelport.dev/attestation/lineage/v1";

    @Inject
    TransparencyLog log;

    @Inject
    ObjectMapper mapper;

    /** Commits on its own, so the dossier's inclusion proofs are made against a checkpoint that has the entry. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    LogEntry attest(VersionRef version, List<AncestryEdge> edges) {
        ArrayNode edgeJson = mapper.valueToTree(edges);
        ObjectNode predicate = mapper.createObjectNode().put("version", version.fullName());
        predicate.set("edges", edgeJson);
        Subject subject = new Subject("model-version:" + version.fullName(),
                Map.of("sha256", Sha256.hex(CanonicalJson.canonicalize(edgeJson))));
        return log.signAndAppend(Statement.of(List.of(subject), PREDICATE_TYPE, predicate));
    }
}
