package dev.modelport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.signing.dsse.DsseVerifier;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.dsse.EnvelopeSignature;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.tlog.Checkpoint;
import dev.modelport.signing.tlog.NoteVerifierKey;
import dev.modelport.signing.tlog.ProofVerifier;
import dev.modelport.signing.tlog.Rfc6962;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies a model-version dossier ({@value #MEDIA_TYPE}) offline, with nothing but the pinned root:
 *
 * <ol>
 *   <li>the platform's detached signature over the canonical JSON of {@code dossier} (targets keys of the root);</li>
 *   <li>the checkpoint's signature (checkpoint keys introduced by root-signed key events);</li>
 *   <li>every statement's signature, and its inclusion proof against that checkpoint;</li>
 *   <li>that the document says what its signed statements say: lineage edges, filing states and decisions, holds,
 *       build digests, decisions on provenance findings; and that every log entry it refers to is included.</li>
 * </ol>
 *
 * Each failure names what is wrong in words a reader without a cryptography background can act on.
 */
final class DossierVerifier {

    static final String MEDIA_TYPE = "application/vnd.modelport.dossier.v1+json";
    static final String LINEAGE_PREDICATE = "https://modelport.dev/attestation/lineage/v1";
    static final String FILING_PREDICATE = "https://modelport.dev/attestation/filing/v1";
    static final String ACTION_PREDICATE = "https://modelport.dev/attestation/regulator-action/v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final Report report;
    private final TrustAnchors anchors;
    /** Statements whose signature verified, by log index. */
    private final Map<Long, Statement> verified = new LinkedHashMap<>();
    /** Every statement present in the dossier (verified or not), by log index, with what it is about. */
    private final Map<Long, String> present = new LinkedHashMap<>();
    private String version;

    DossierVerifier(Report report, TrustAnchors anchors) {
        this.report = report;
        this.anchors = anchors;
    }

    void verify(JsonNode file) {
        JsonNode d = file.path("dossier");
        if (!d.isObject()) {
            report.fail("the file has no \"dossier\" object: it is not a Modelport dossier");
            return;
        }
        version = d.path("version").asText("?");
        report.note("dossier of model version " + version + ", generated " + d.path("generatedAt").asText("?")
                + " for " + d.path("generatedFor").path("user").asText("?"));
        if (anchors == null) {
            report.fail("nothing can be checked without the pinned root (--root root.json)");
            return;
        }
        List<JsonNode> events = new ArrayList<>();
        d.path("keyEvents").forEach(events::add);
        anchors.learn(events, report);
        platformSignature(file, d);
        Checkpoint checkpoint = checkpoint(d.path("checkpoint"));
        statements(d.path("statements"), checkpoint);
        lineage(d.path("lineage"));
        filings(d.path("filings"));
        holds(d.path("holds"));
        builds(d.path("builds"));
        fingerprints(d.path("fingerprints"));
        claim(d.path("model").path("claim"), d.path("fingerprints").path("findings"));
    }

    // ------------------------------------------------------------------ signatures and the log

    private void platformSignature(JsonNode file, JsonNode d) {
        List<EnvelopeSignature> sigs = new ArrayList<>();
        try {
            file.path("signatures").forEach(s -> sigs.add(new EnvelopeSignature(s.path("keyid").asText(""),
                    Base64.getDecoder().decode(s.path("sig").asText("")))));
            List<Ed25519PublicKey> platform = anchors.withRole("targets").stream().map(TrustAnchors.Anchor::key)
                    .toList();
            int threshold = anchors.root().role("targets").threshold();
            Envelope envelope = new Envelope(file.path("payloadType").asText(MEDIA_TYPE),
                    CanonicalJson.canonicalize(d), sigs);
            DsseVerifier.of(MEDIA_TYPE, platform, threshold).verify(envelope);
            report.pass("the dossier is signed by the platform (" + threshold + " of its signing keys listed in "
                    + "root.json) and has not been changed since");
        } catch (RuntimeException e) {
            report.fail("the platform's signature does not match the dossier: something in the document was "
                    + "changed after the platform signed it, or it was not signed by the platform ("
                    + e.getMessage() + ")");
        }
    }

    private Checkpoint checkpoint(JsonNode c) {
        String origin = c.path("origin").asText("");
        List<NoteVerifierKey> keys = anchors.withRole("checkpoint").stream()
                .map(a -> new NoteVerifierKey(origin, a.key())).toList();
        if (keys.isEmpty()) {
            report.fail("no key event in the dossier introduces the log's checkpoint key, so the log's checkpoint "
                    + "cannot be trusted");
            return null;
        }
        try {
            Checkpoint cp = Checkpoint.verify(c.path("note").asText(""), origin, keys);
            if (cp.size() != c.path("treeSize").asLong(-1)
                    || !HEX.formatHex(cp.rootHash()).equals(c.path("rootHash").asText())) {
                report.fail("the checkpoint's tree size or root hash fields do not match its signed note");
            }
            report.pass("the transparency log checkpoint (log " + origin + ", " + cp.size() + " entries) is signed "
                    + "by the log's key");
            return cp;
        } catch (RuntimeException e) {
            report.fail("the transparency log checkpoint is not signed by the log's key: " + e.getMessage());
            return null;
        }
    }

    private void statements(JsonNode statements, Checkpoint checkpoint) {
        int signedOk = 0;
        int provedOk = 0;
        for (JsonNode s : statements) {
            long index = s.path("logIndex").asLong(-1);
            String about = s.path("about").asText("statement");
            present.put(index, about);
            Envelope envelope;
            try {
                envelope = Envelope.fromJson(JSON.writeValueAsBytes(s.path("envelope")));
            } catch (RuntimeException | IOException e) {
                report.fail("log entry " + index + " (" + about + ") is not a readable signed statement: "
                        + e.getMessage());
                continue;
            }
            if (signature(index, about, envelope)) {
                signedOk++;
            }
            if (checkpoint != null && inclusion(index, about, envelope, s.path("inclusionProof"), checkpoint)) {
                provedOk++;
            }
        }
        int total = statements.size();
        if (signedOk == total) {
            report.pass("all " + total + " signed statements in the dossier carry valid signatures by keys the "
                    + "root trusts");
        }
        if (checkpoint != null && provedOk == total) {
            report.pass("all " + total + " statements are recorded in the public transparency log: each inclusion "
                    + "proof leads to the signed checkpoint");
        }
    }

    private boolean signature(long index, String about, Envelope envelope) {
        for (EnvelopeSignature sig : envelope.signatures()) {
            TrustAnchors.Anchor a = anchors.anchor(sig.keyId());
            if (a == null) {
                continue;
            }
            try {
                verified.put(index, Statement.verify(envelope, DsseVerifier.of(Statement.PAYLOAD_TYPE, a.key())));
                return true;
            } catch (RuntimeException e) {
                report.fail("log entry " + index + " (" + about + "): the signature does not match the statement, "
                        + "so its content was altered: " + e.getMessage());
                return false;
            }
        }
        report.fail("log entry " + index + " (" + about + ") is not signed by any key the root trusts");
        return false;
    }

    private boolean inclusion(long index, String about, Envelope envelope, JsonNode proof, Checkpoint checkpoint) {
        long proofIndex = proof.path("leafIndex").asLong(-1);
        if (proofIndex != index) {
            report.fail("log entry " + index + " (" + about + "): the inclusion proof given for it is the proof of "
                    + "entry " + proofIndex + ", so nothing shows that this statement is in the log (proofs were "
                    + "swapped or altered)");
            return false;
        }
        long size = proof.path("treeSize").asLong(-1);
        if (size != checkpoint.size()) {
            report.fail("log entry " + index + " (" + about + "): the inclusion proof is for a log of " + size
                    + " entries, not for the checkpoint's " + checkpoint.size());
            return false;
        }
        try {
            List<byte[]> hashes = new ArrayList<>();
            proof.path("hashes").forEach(h -> hashes.add(HEX.parseHex(h.asText())));
            ProofVerifier.verifyInclusion(Rfc6962.leafHash(envelope.toJsonBytes()), index, size, hashes,
                    checkpoint.rootHash());
            return true;
        } catch (RuntimeException e) {
            report.fail("log entry " + index + " (" + about + "): the inclusion proof does not lead to the "
                    + "checkpoint's root, so this exact statement is not proven to be in the log: " + e.getMessage());
            return false;
        }
    }

    // ------------------------------------------------------------------ content against statements

    private void lineage(JsonNode lineage) {
        Statement st = statement(lineage.path("statementLogIndex"), "the lineage", LINEAGE_PREDICATE);
        if (st == null) {
            return;
        }
        int problems = 0;
        JsonNode signedEdges = st.predicate().path("edges");
        if (!st.subjects().get(0).name().equals("model-version:" + version)
                || !st.predicate().path("version").asText().equals(version)) {
            report.fail("the signed lineage statement is about " + st.subjects().get(0).name() + ", not about "
                    + version);
            problems++;
        }
        if (!st.subjects().get(0).sha256().equals(sha256(CanonicalJson.canonicalize(signedEdges)))) {
            report.fail("the signed lineage statement's edges do not hash to its subject digest");
            problems++;
        }
        Map<String, JsonNode> signed = edges(signedEdges);
        Map<String, JsonNode> shown = edges(lineage.path("edges"));
        for (Map.Entry<String, JsonNode> e : signed.entrySet()) {
            JsonNode mine = shown.get(e.getKey());
            if (mine == null) {
                report.fail("lineage edge " + e.getKey() + " is in the signed lineage statement (log entry "
                        + lineage.path("statementLogIndex").asLong() + ") but missing from the dossier's lineage: "
                        + "an ancestor was removed from the document");
                problems++;
            } else if (!canonical(mine).equals(canonical(e.getValue()))) {
                report.fail("lineage edge " + e.getKey() + " differs from the signed lineage statement: the "
                        + "dossier shows " + mine + " but the statement says " + e.getValue());
                problems++;
            }
        }
        for (String key : shown.keySet()) {
            if (!signed.containsKey(key)) {
                report.fail("lineage edge " + key + " is in the dossier but not in the signed lineage statement");
                problems++;
            }
        }
        problems += lineageNodes(lineage, signedEdges);
        if (problems == 0) {
            report.pass("the lineage (" + signed.size() + " edge(s), with owners and licences) is exactly what the "
                    + "platform signed and logged");
        }
    }

    private int lineageNodes(JsonNode lineage, JsonNode signedEdges) {
        Map<String, String> owners = new LinkedHashMap<>();
        lineage.path("nodes").forEach(n -> owners.put(n.path("version").asText(), n.path("owner").asText()));
        int problems = 0;
        for (JsonNode e : signedEdges) {
            for (String end : List.of("child", "parent")) {
                String v = e.path(end).asText();
                String owner = e.path(end + "Owner").asText();
                if (!owner.equals(owners.get(v))) {
                    report.fail("lineage node " + v + " is listed with owner " + owners.get(v) + " but the signed "
                            + "lineage says its owner is " + owner);
                    problems++;
                }
            }
        }
        return problems;
    }

    private void filings(JsonNode filings) {
        int problems = 0;
        for (JsonNode f : filings) {
            String name = "filing " + f.path("jurisdiction").asText() + ":" + f.path("filingNumber").asText();
            boolean covers = false;
            for (JsonNode v : f.path("versions")) {
                covers |= v.asText().equals(version);
            }
            if (!covers) {
                report.fail(name + " is listed but does not cover " + version);
                problems++;
            }
            problems += filingRecord(name, f, f.path("logIndex"), f.path("status").asText());
            for (JsonNode d : f.path("decisions")) {
                problems += decision(name, f, d);
            }
        }
        if (problems == 0) {
            report.pass(filings.size() + " filing(s) and their decisions match the signed filing records and "
                    + "regulator actions in the log");
        }
    }

    private int filingRecord(String name, JsonNode filing, JsonNode index, String status) {
        Statement st = statement(index, name + " record", FILING_PREDICATE);
        if (st == null) {
            return 1;
        }
        JsonNode p = st.predicate();
        if (!p.path("filingNumber").asText().equals(filing.path("filingNumber").asText())
                || !p.path("jurisdiction").asText().equals(filing.path("jurisdiction").asText())) {
            report.fail(name + ": the signed filing record (log entry " + index.asLong() + ") is of filing "
                    + p.path("jurisdiction").asText() + ":" + p.path("filingNumber").asText());
            return 1;
        }
        if (!p.path("status").asText().equals(status)) {
            report.fail(name + ": the dossier says its status is " + status + " but the signed filing record (log "
                    + "entry " + index.asLong() + ") says " + p.path("status").asText());
            return 1;
        }
        return 0;
    }

    private int decision(String name, JsonNode filing, JsonNode d) {
        String decision = d.path("decision").asText();
        int problems = filingRecord(name, filing, d.path("recordLogIndex"), decision);
        Statement st = statement(d.path("actionLogIndex"), name + " decision", ACTION_PREDICATE);
        if (st == null) {
            return problems + 1;
        }
        JsonNode p = st.predicate();
        String expectedAction = switch (decision) {
            case "APPROVED" -> "APPROVE_FILING";
            case "REJECTED" -> "REJECT_FILING";
            case "SUSPENDED" -> "SUSPEND_FILING";
            default -> "?";
        };
        if (!p.path("action").asText().equals(expectedAction)) {
            report.fail(name + ": the dossier says the regulator's decision was " + decision + " but the signed "
                    + "regulator action (log entry " + d.path("actionLogIndex").asLong() + ") is "
                    + p.path("action").asText());
            problems++;
        }
        if (!p.path("reason").asText().equals(d.path("reason").asText())) {
            report.fail(name + ": the reason shown for the " + decision + " decision (\"" + d.path("reason").asText()
                    + "\") is not the reason the regulator signed (\"" + p.path("reason").asText() + "\")");
            problems++;
        }
        return problems;
    }

    private void holds(JsonNode holds) {
        int problems = 0;
        for (JsonNode h : holds) {
            problems += holdAction(h, h.path("placeLogIndex"), "HOLD", h.path("reason"));
            if (!h.path("active").asBoolean()) {
                problems += holdAction(h, h.path("liftLogIndex"), "LIFT_HOLD", h.path("liftReason"));
            }
        }
        if (problems == 0) {
            report.pass(holds.size() + " compliance hold(s) match the regulators' signed hold and lift statements");
        }
    }

    private int holdAction(JsonNode hold, JsonNode index, String action, JsonNode reason) {
        String name = "the hold in " + hold.path("jurisdiction").asText();
        Statement st = statement(index, name, ACTION_PREDICATE);
        if (st == null) {
            return 1;
        }
        JsonNode p = st.predicate();
        boolean same = p.path("action").asText().equals(action)
                && p.path("target").asText().equals("model-version:" + version)
                && p.path("jurisdiction").asText().equals(hold.path("jurisdiction").asText())
                && p.path("reason").asText().equals(reason.asText());
        if (!same) {
            report.fail(name + ": the dossier shows " + action + " of " + version + " in "
                    + hold.path("jurisdiction").asText() + " because \"" + reason.asText() + "\", but the signed "
                    + "statement (log entry " + index.asLong() + ") says " + p.path("action").asText() + " of "
                    + p.path("target").asText() + " in " + p.path("jurisdiction").asText() + " because \""
                    + p.path("reason").asText() + "\"");
            return 1;
        }
        return 0;
    }

    private void builds(JsonNode builds) {
        int problems = 0;
        int signed = 0;
        for (JsonNode b : builds) {
            if (b.path("provenanceLogIndex").isNull() || b.path("provenanceLogIndex").isMissingNode()) {
                report.note("build " + b.path("outputDigest").asText("(no output yet)") + " has no signed provenance");
                continue;
            }
            Statement st = statement(b.path("provenanceLogIndex"), "build provenance", null);
            String digest = b.path("outputDigest").asText("");
            String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
            if (st == null) {
                problems++;
            } else if (st.subjects().stream().noneMatch(s -> hex.equals(s.sha256()))) {
                report.fail("build " + digest + ": its signed provenance (log entry "
                        + b.path("provenanceLogIndex").asLong() + ") is about a different file");
                problems++;
            } else {
                signed++;
            }
        }
        if (builds.isEmpty()) {
            report.note("the dossier lists no builds of this version");
        } else if (problems == 0) {
            report.pass(signed + " build(s) have signed provenance naming exactly their file digests");
        }
    }

    private void fingerprints(JsonNode f) {
        if (!f.path("available").asBoolean(false)) {
            report.note("weight fingerprints: " + f.path("note").asText("not available"));
            return;
        }
        report.note("weight fingerprints (" + f.path("source").asText() + "): " + f.path("results").size()
                + " weight file(s) fingerprinted, " + f.path("findings").size() + " provenance finding(s)");
        int problems = 0;
        for (JsonNode finding : f.path("findings")) {
            report.note(findingInWords(finding));
            if (!finding.path("logIndex").isNull() && !finding.path("logIndex").isMissingNode()) {
                problems += findingDecision(finding);
            } else if (!"OPEN".equals(finding.path("status").asText())) {
                report.fail("finding " + finding.path("id").asText() + " is shown as "
                        + finding.path("status").asText() + " but no signed regulator decision backs it");
                problems++;
            }
        }
        if (problems == 0 && !f.path("findings").isEmpty()) {
            report.pass("every decided provenance finding matches the regulator's signed decision in the log");
        }
    }

    private String findingInWords(JsonNode f) {
        String what = "finding " + f.path("id").asText() + ": the weights of " + version + " closely match "
                + f.path("matchedVersion").asText() + " of " + f.path("matchedOwner").asText() + " (similarity "
                + String.format(java.util.Locale.ROOT, "%.3f", f.path("similarity").asDouble()) + ")";
        return switch (f.path("status").asText()) {
            case "CONFIRMED" -> what + "; CONFIRMED by " + f.path("decidedBy").asText() + " (\""
                    + f.path("decisionReason").asText() + "\"): the weights are taken as derived from that model";
            case "DISMISSED" -> what + "; DISMISSED by " + f.path("decidedBy").asText() + " (\""
                    + f.path("decisionReason").asText() + "\")";
            default -> what + "; OPEN: not yet decided by a regulator";
        };
    }

    /** The owner's provenance claim in words; a suspension must rest on a confirmed finding in the dossier. */
    private void claim(JsonNode claim, JsonNode findings) {
        if (!claim.isObject()) {
            report.note("the owner makes no provenance claim about " + version);
            return;
        }
        String said = "the owner claims " + claim.path("claim").asText() + " (\"" + claim.path("statement").asText()
                + "\")";
        if (claim.path("suspendedAt").isNull() || claim.path("suspendedAt").isMissingNode()) {
            report.note(said + "; the claim stands");
            return;
        }
        report.note(said + "; the claim is SUSPENDED since " + claim.path("suspendedAt").asText() + ": "
                + claim.path("suspendedReason").asText());
        String reason = claim.path("suspendedReason").asText();
        boolean backed = false;
        for (JsonNode f : findings) {
            backed |= "CONFIRMED".equals(f.path("status").asText()) && reason.contains(f.path("id").asText());
        }
        if (!backed) {
            report.fail("the claim is shown as suspended, but the dossier holds no confirmed finding that the "
                    + "suspension names");
        }
    }

    /** Spec: the decision is a regulator-action statement naming the finding, with the same action and reason. */
    private int findingDecision(JsonNode finding) {
        String id = finding.path("id").asText();
        Statement st = statement(finding.path("logIndex"), "the decision on finding " + id, ACTION_PREDICATE);
        if (st == null) {
            return 1;
        }
        JsonNode p = st.predicate();
        String status = finding.path("status").asText();
        String expected = switch (status) {
            case "CONFIRMED" -> "CONFIRM_PROVENANCE_FINDING";
            case "DISMISSED" -> "DISMISS_PROVENANCE_FINDING";
            default -> "?";
        };
        boolean same = p.path("action").asText().equals(expected)
                && p.path("target").asText().startsWith("provenance-finding:" + id + " ")
                && p.path("reason").asText().equals(finding.path("decisionReason").asText());
        if (!same) {
            report.fail("finding " + id + ": the dossier shows it " + status + " because \""
                    + finding.path("decisionReason").asText() + "\", but the signed statement (log entry "
                    + finding.path("logIndex").asLong() + ") says " + p.path("action").asText() + " of "
                    + p.path("target").asText() + " because \"" + p.path("reason").asText() + "\"");
            return 1;
        }
        return 0;
    }

    /** The verified statement at {@code index}, or null after reporting why there is none usable. */
    private Statement statement(JsonNode index, String what, String predicateType) {
        if (!index.canConvertToLong()) {
            report.fail(what + " names no log entry, so nothing backs it");
            return null;
        }
        long i = index.asLong();
        if (!present.containsKey(i)) {
            report.fail(what + " refers to log entry " + i + ", but the dossier does not include that statement");
            return null;
        }
        Statement st = verified.get(i);
        if (st == null) {
            return null; // its signature failure is reported already
        }
        if (predicateType != null && !predicateType.equals(st.predicateType())) {
            report.fail(what + " refers to log entry " + i + ", which is a " + st.predicateType() + " statement, "
                    + "not a " + predicateType + " one");
            return null;
        }
        return st;
    }

    private static Map<String, JsonNode> edges(JsonNode edges) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        edges.forEach(e -> byKey.put(e.path("child").asText() + " → " + e.path("parent").asText() + " ("
                + e.path("relation").asText() + ")", e));
        return byKey;
    }

    private static String canonical(JsonNode node) {
        return new String(CanonicalJson.canonicalize(Objects.requireNonNull(node)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
