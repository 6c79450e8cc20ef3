package dev.modelport.registry.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.registry.audit.AuditEventView;
import dev.modelport.registry.audit.AuditService;
import dev.modelport.registry.build.BuildCatalog;
import dev.modelport.registry.build.BuildView;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.compliance.ComplianceService;
import dev.modelport.registry.compliance.HoldView;
import dev.modelport.registry.filing.FilingDecisionView;
import dev.modelport.registry.filing.FilingHistory;
import dev.modelport.registry.filing.Filings;
import dev.modelport.registry.licensing.EntitlementService;
import dev.modelport.registry.provenance.AncestryEdge;
import dev.modelport.registry.provenance.LineageService;
import dev.modelport.registry.provenance.ProvenanceService;
import dev.modelport.registry.provenance.ProvenanceView;
import dev.modelport.registry.regulator.FingerprintFindings;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.registry.trust.KeyRole;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.registry.trust.log.InclusionProof;
import dev.modelport.registry.trust.log.LogBundle;
import dev.modelport.registry.trust.log.StoredEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.dsse.EnvelopeSignature;
import dev.modelport.signing.json.CanonicalJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Assembles a model version's dossier ({@link Dossier}): lineage with owners and licences, entitlements, filings and
 * decisions, holds, builds, fingerprint findings, audit events, and every signed statement they rest on with its
 * inclusion proof against one named checkpoint, which is included; then signs it as the platform.
 *
 * <p>Readable by the version's owner, regulators of a jurisdiction the owner operates in, and admins.
 */
@ApplicationScoped
public class DossierService {

    static final int AUDIT_PAGE = 200;

    @Inject
    VersionService versions;

    @Inject
    AccessPolicy access;

    @Inject
    LineageService lineage;

    @Inject
    LineageAttestation lineageAttestation;

    @Inject
    ProvenanceService provenance;

    @Inject
    EntitlementService entitlements;

    @Inject
    Filings filings;

    @Inject
    ComplianceService holds;

    @Inject
    BuildCatalog builds;

    @Inject
    FingerprintFindings fingerprints;

    @Inject
    AuditService audit;

    @Inject
    TransparencyLog log;

    @Inject
    TrustKeyService keys;

    @Inject
    ObjectMapper mapper;

    /** Not one transaction: the lineage statement commits first, so the checkpoint the proofs lead to includes it. */
    public ObjectNode dossier(Caller caller, String owner, String model, String label) {
        VersionRef version = versions.readableRef(caller, owner, model, label);
        access.requireRead(caller, version.model().owner());
        StatementRefs refs = new StatementRefs();
        ObjectNode d = mapper.createObjectNode();
        d.put("format", Dossier.FORMAT);
        d.put("version", version.fullName());
        d.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        d.set("generatedFor", mapper.createObjectNode().put("user", caller.username())
                .put("organisation", caller.org().map(o -> o.slug()).orElse(null)));
        d.set("model", modelSection(caller, version));
        List<AncestryEdge> edges = lineage.ancestry(version.id());
        d.set("lineage", lineageSection(version, edges, refs));
        d.set("entitlements", entitlementSection(edges));
        List<FilingHistory> filed = filings.historyOf(version.id());
        d.set("filings", filingSection(filed, refs));
        d.set("holds", holdSection(version, refs));
        d.set("builds", buildSection(version, refs));
        d.set("fingerprints", fingerprintSection(version, refs));
        d.set("auditEvents", auditSection(caller, version, filed));
        proofs(d, refs);
        return sign(d);
    }

    private ObjectNode modelSection(Caller caller, VersionRef version) {
        ProvenanceView p = provenance.provenance(caller, version.model().owner().slug(), version.model().slug(),
                version.version().toString());
        ObjectNode m = mapper.createObjectNode().put("owner", version.model().owner().slug())
                .put("kind", version.model().kind().name()).put("status", version.status().name())
                .put("provenanceClass", p.provenanceClass().name()).put("provenanceSettled", p.settled());
        m.set("claim", mapper.valueToTree(p.claim()));
        return m;
    }

    private ObjectNode lineageSection(VersionRef version, List<AncestryEdge> edges, StatementRefs refs) {
        long index = lineageAttestation.attest(version, edges).index();
        refs.add(index, "lineage of " + version.fullName());
        Map<String, String> owners = new LinkedHashMap<>();
        owners.put(version.fullName(), version.model().owner().slug());
        edges.forEach(e -> {
            owners.putIfAbsent(e.child(), e.childOwner());
            owners.putIfAbsent(e.parent(), e.parentOwner());
        });
        ArrayNode nodes = mapper.createArrayNode();
        owners.forEach((v, o) -> nodes.addObject().put("version", v).put("owner", o));
        ObjectNode l = mapper.createObjectNode().put("statementLogIndex", index);
        l.set("nodes", nodes);
        l.set("edges", mapper.valueToTree(edges));
        return l;
    }

    private ArrayNode entitlementSection(List<AncestryEdge> edges) {
        ArrayNode out = mapper.createArrayNode();
        edges.stream().map(AncestryEdge::entitlement).filter(Objects::nonNull).distinct().sorted()
                .forEach(id -> entitlements.find(UUID.fromString(id)).ifPresent(e -> out.add(tree(e))));
        return out;
    }

    private ArrayNode filingSection(List<FilingHistory> filed, StatementRefs refs) {
        ArrayNode out = mapper.createArrayNode();
        for (FilingHistory h : filed) {
            String name = "filing " + h.filing().jurisdiction() + ":" + h.filing().filingNumber();
            ObjectNode f = tree(h.filing());
            refs.add(h.filing().logIndex(), name + " record (" + h.filing().status() + ")");
            ArrayNode decisions = f.putArray("decisions");
            for (FilingDecisionView decision : h.decisions()) {
                decisions.add(tree(decision));
                refs.add(decision.actionLogIndex(), name + ": regulator decision " + decision.decision());
                refs.add(decision.recordLogIndex(), name + " record (" + decision.decision() + ")");
            }
            out.add(f);
        }
        return out;
    }

    private ArrayNode holdSection(VersionRef version, StatementRefs refs) {
        ArrayNode out = mapper.createArrayNode();
        for (HoldView hold : holds.ofVersion(version.id())) {
            out.add(tree(hold));
            refs.add(hold.placeLogIndex(), "hold in " + hold.jurisdiction());
            refs.add(hold.liftLogIndex(), "lift of the hold in " + hold.jurisdiction());
        }
        return out;
    }

    private ArrayNode buildSection(VersionRef version, StatementRefs refs) {
        ArrayNode out = mapper.createArrayNode();
        for (BuildView b : builds.ofVersion(version.id())) {
            ObjectNode n = mapper.createObjectNode().put("id", b.id().toString())
                    .put("deviceClassId", b.deviceClassId() == null ? null : b.deviceClassId().toString())
                    .put("quantType", b.quantType()).put("origin", String.valueOf(b.origin()))
                    .put("derivation", String.valueOf(b.derivation())).put("status", String.valueOf(b.status()))
                    .put("inputDigest", b.inputDigest()).put("outputDigest", b.outputDigest())
                    .put("outputSize", b.outputSize()).put("memoryEstimateBytes", b.memoryEstimateBytes());
            n.set("tensorDigests", jsonOrText(b.tensorDigests()));
            n.put("provenanceLogIndex", b.provenanceLogIndex());
            refs.add(b.provenanceLogIndex(), "build provenance of " + b.outputDigest());
            out.add(n);
        }
        return out;
    }

    private ObjectNode fingerprintSection(VersionRef version, StatementRefs refs) {
        ObjectNode f = mapper.createObjectNode();
        var report = fingerprints.of(version.id());
        f.put("available", report.isPresent());
        if (report.isEmpty()) {
            f.put("note", "NOT AVAILABLE: no weight-fingerprint source is connected to this registry yet, so this "
                    + "dossier says nothing about fingerprint matches (neither that there are any nor that there "
                    + "are none)");
            f.putNull("source");
            f.putArray("results");
            f.putArray("findings");
            return f;
        }
        f.put("source", report.get().source());
        f.set("results", treeList(report.get().results()));
        f.set("findings", treeList(report.get().findings()));
        report.get().findings().forEach(x -> refs.add(x.logIndex(), "decision on finding " + x.id()));
        return f;
    }

    private ArrayNode auditSection(Caller caller, VersionRef version, List<FilingHistory> filed) {
        List<String> objects = new ArrayList<>(List.of("version:" + version.fullName()));
        filed.forEach(h -> objects.add("filing:" + h.filing().id()));
        Map<Long, AuditEventView> events = new java.util.TreeMap<>();
        for (String object : objects) {
            String cursor = null;
            do {
                Page<AuditEventView> page = audit.list(caller, object, cursor, AUDIT_PAGE);
                page.items().forEach(e -> events.put(e.seq(), e));
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        ArrayNode out = mapper.createArrayNode();
        for (AuditEventView e : events.values()) {
            ObjectNode n = out.addObject().put("seq", e.seq()).put("occurredAt", e.occurredAt().toString())
                    .put("actor", e.actor()).put("action", e.action()).put("objectType", e.objectType())
                    .put("objectId", e.objectId());
            n.set("before", jsonOrText(e.before()));
            n.set("after", jsonOrText(e.after()));
            n.put("hash", e.hash());
        }
        return out;
    }

    /**
     * Adds every referenced statement with its inclusion proof against one checkpoint (the head after the newest
     * referenced entry), the checkpoint, and the root-signed key events that introduce the keys involved.
     */
    private void proofs(ObjectNode d, StatementRefs refs) {
        StoredEntry newest = log.entry(refs.newest()).orElseThrow();
        LogBundle anchor = log.bundle(newest.entry().leafHash());
        long size = anchor.inclusionProof().treeSize();
        ArrayNode statements = d.putArray("statements");
        Set<String> keyEvents = new LinkedHashSet<>();
        Set<String> signers = new TreeSet<>();
        for (Map.Entry<Long, String> ref : refs.all().entrySet()) {
            StoredEntry e = log.entry(ref.getKey()).orElseThrow();
            InclusionProof proof = log.inclusionProof(e.entry().leafHash(), size);
            ObjectNode s = statements.addObject().put("logIndex", ref.getKey()).put("about", ref.getValue())
                    .put("leafHash", e.entry().leafHash());
            s.set("envelope", parse(e.envelopeJson()));
            s.set("inclusionProof", tree(proof));
            for (EnvelopeSignature sig : e.envelope().signatures()) {
                if (signers.add(sig.keyId())) {
                    log.bundle(e.entry().leafHash()).keyEvents().forEach(k -> keyEvents.add(new String(k,
                            java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        anchor.keyEvents().forEach(k -> keyEvents.add(new String(k, java.nio.charset.StandardCharsets.UTF_8)));
        d.set("checkpoint", mapper.createObjectNode().put("origin", anchor.logOrigin()).put("treeSize", size)
                .put("rootHash", anchor.inclusionProof().rootHash()).put("note", anchor.checkpoint()));
        ArrayNode events = d.putArray("keyEvents");
        keyEvents.forEach(k -> events.add(parse(k.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** Wraps the content with the platform's detached DSSE signature over its canonical JSON (see {@link Dossier}). */
    private ObjectNode sign(ObjectNode content) {
        byte[] canonical = CanonicalJson.canonicalize(content);
        Envelope signed = Envelope.sign(Dossier.PAYLOAD_TYPE, canonical, keys.signers(KeyRole.TARGETS));
        ObjectNode out = mapper.createObjectNode().put("mediaType", Dossier.MEDIA_TYPE)
                .put("payloadType", Dossier.PAYLOAD_TYPE);
        out.set("dossier", content);
        ArrayNode sigs = out.putArray("signatures");
        signed.signatures().forEach(s -> sigs.addObject().put("keyid", s.keyId())
                .put("sig", Base64.getEncoder().encodeToString(s.sig())));
        return out;
    }

    private ObjectNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    private ArrayNode treeList(List<?> values) {
        return mapper.valueToTree(values);
    }

    private JsonNode jsonOrText(String value) {
        if (value == null) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(value);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(value);
        }
    }

    private JsonNode parse(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored log entry is not JSON; run the log integrity check", e);
        }
    }

}
