package dev.modelport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.signing.dsse.DsseVerifier;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.dsse.EnvelopeSignature;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.intoto.Subject;
import dev.modelport.signing.key.SignatureVerificationException;
import dev.modelport.signing.tlog.Checkpoint;
import dev.modelport.signing.tlog.NoteVerifierKey;
import dev.modelport.signing.tlog.ProofVerifier;
import dev.modelport.signing.tlog.Rfc6962;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code ./modelport verify <file> [--root root.json] [--checkpoint checkpoint.txt] [--log-key vkey]...
 * [--provenance bundle-or-envelope.json]}: checks, with no network, a model-version dossier ({@link DossierVerifier}),
 * a Modelport statement bundle (see docs/trust.md), a bare DSSE statement envelope, or a build file against its
 * provenance. Prints what holds and what does not; exits
 * 0 only when every check passed, 1 when any failed, 2 on bad usage.
 */
public final class Verify {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    static final String BUNDLE_MEDIA_TYPE = "application/vnd.modelport.bundle.v1+json";

    private final Report report = new Report();
    private Path file;
    private Path rootFile;
    private Path checkpointFile;
    private Path provenanceFile;
    private final List<String> logKeys = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Verify v = new Verify();
        try {
            v.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("verify: " + e.getMessage());
            err.println("usage: verify <dossier.json | bundle.json | envelope.json | build file> [--root root.json] "
                    + "[--checkpoint checkpoint.txt] [--log-key <vkey>]... [--provenance <bundle.json>]");
            return 2;
        }
        try {
            v.verify();
        } catch (IOException e) {
            v.report.fail("could not read " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
        }
        return v.report.print(out);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--root" -> rootFile = Path.of(value(args, ++i, a));
                case "--checkpoint" -> checkpointFile = Path.of(value(args, ++i, a));
                case "--log-key" -> logKeys.add(value(args, ++i, a));
                case "--provenance" -> provenanceFile = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unexpected argument " + a);
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("name the file to verify");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private void verify() throws IOException {
        TrustAnchors anchors = null;
        if (rootFile != null) {
            try {
                anchors = TrustAnchors.fromRoot(Files.readAllBytes(rootFile), report);
            } catch (RuntimeException e) {
                report.fail("the root " + rootFile + " is not a valid, self-signed root.json: " + e.getMessage());
            }
        } else {
            report.fail("no --root given: without a pinned root nobody can say who signed anything");
        }
        JsonNode json = readJson(file);
        if (json != null && DossierVerifier.MEDIA_TYPE.equals(json.path("mediaType").asText())) {
            new DossierVerifier(report, anchors).verify(json);
        } else if (json != null && BUNDLE_MEDIA_TYPE.equals(json.path("mediaType").asText())) {
            verifyBundle(json, anchors);
        } else if (json != null && json.has("payloadType") && json.has("signatures")) {
            verifyEnvelope(json, anchors);
            report.note("a bare envelope carries no inclusion proof; fetch its bundle (GET /api/v1/log/bundle) to "
                    + "check that it is in the log");
        } else {
            verifyBuildFile(anchors);
        }
    }

    // ------------------------------------------------------------------ bundles and envelopes

    /** Returns the verified statement, or null. */
    private Statement verifyBundle(JsonNode bundle, TrustAnchors anchors) {
        List<JsonNode> events = new ArrayList<>();
        bundle.path("keyEvents").forEach(events::add);
        if (anchors != null) {
            anchors.learn(events, report);
        }
        Statement statement = verifyEnvelope(bundle.path("envelope"), anchors);
        verifyInclusion(bundle, anchors);
        return statement;
    }

    private Statement verifyEnvelope(JsonNode json, TrustAnchors anchors) {
        Envelope envelope;
        try {
            envelope = Envelope.fromJson(JSON.writeValueAsBytes(json));
        } catch (RuntimeException | IOException e) {
            report.fail("not a DSSE envelope: " + e.getMessage());
            return null;
        }
        if (anchors == null) {
            return null;
        }
        Statement statement = null;
        try {
            boolean keyEvent = Statement.fromJson(envelope.payload()).predicateType().endsWith("/key-event/v1");
            if (keyEvent) {
                statement = Statement.verify(envelope, anchors.rootVerifier());
                report.pass("the key event is signed by the threshold of the root keys");
            } else {
                statement = verifyBySigner(envelope, anchors);
            }
        } catch (RuntimeException e) {
            report.fail("the statement's signature does not verify: " + e.getMessage());
        }
        if (statement != null) {
            for (Subject s : statement.subjects()) {
                report.note("statement " + statement.predicateType() + " about " + s.name() + " (sha256:"
                        + s.sha256() + ")");
            }
        }
        return statement;
    }

    private Statement verifyBySigner(Envelope envelope, TrustAnchors anchors) {
        for (EnvelopeSignature sig : envelope.signatures()) {
            TrustAnchors.Anchor a = anchors.anchor(sig.keyId());
            if (a == null) {
                continue;
            }
            try {
                Statement st = Statement.verify(envelope, DsseVerifier.of(Statement.PAYLOAD_TYPE, a.key()));
                report.pass("the statement is signed by key " + TrustAnchors.short_(a.key().keyId()) + " ("
                        + a.owner() + ", " + a.role() + "; " + a.why() + ")");
                return st;
            } catch (SignatureVerificationException e) {
                report.fail("the signature by key " + TrustAnchors.short_(sig.keyId()) + " is invalid: "
                        + e.getMessage());
                return null;
            }
        }
        report.fail("no signature on the statement is by a key the pinned root trusts (signed by: "
                + envelope.signatures().stream().map(s -> TrustAnchors.short_(s.keyId())).toList() + ")");
        return null;
    }

    // ------------------------------------------------------------------ the log

    private void verifyInclusion(JsonNode bundle, TrustAnchors anchors) {
        String note;
        try {
            note = checkpointFile != null ? Files.readString(checkpointFile) : bundle.path("checkpoint").asText(null);
        } catch (IOException e) {
            report.fail("cannot read the checkpoint " + checkpointFile + ": " + e.getMessage());
            return;
        }
        if (note == null) {
            report.fail("no checkpoint: give --checkpoint or use a bundle that has one");
            return;
        }
        String origin = bundle.path("logOrigin").asText(note.substring(0, Math.max(0, note.indexOf('\n'))));
        List<NoteVerifierKey> keys = new ArrayList<>();
        try {
            logKeys.forEach(k -> keys.add(NoteVerifierKey.parse(k)));
        } catch (RuntimeException e) {
            report.fail("bad --log-key: " + e.getMessage());
            return;
        }
        if (keys.isEmpty() && anchors != null) {
            anchors.withRole("checkpoint").forEach(a -> keys.add(new NoteVerifierKey(origin, a.key())));
        }
        if (keys.isEmpty()) {
            report.fail("no log key: give --log-key, or --root with a bundle whose key events introduce the "
                    + "checkpoint key");
            return;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.verify(note, origin, keys);
            report.pass("the checkpoint of log " + origin + " (tree size " + checkpoint.size()
                    + ") is signed by a trusted log key");
        } catch (RuntimeException e) {
            report.fail("the checkpoint does not verify: " + e.getMessage());
            return;
        }
        JsonNode proof = bundle.path("inclusionProof");
        try {
            byte[] leafData = Envelope.fromJson(JSON.writeValueAsBytes(bundle.path("envelope"))).toJsonBytes();
            byte[] leafHash = Rfc6962.leafHash(leafData);
            long index = proof.path("leafIndex").asLong(-1);
            long size = proof.path("treeSize").asLong(-1);
            if (size != checkpoint.size()) {
                report.fail("the inclusion proof is for tree size " + size + " but the checkpoint is of size "
                        + checkpoint.size() + "; fetch a proof for that size");
                return;
            }
            List<byte[]> hashes = new ArrayList<>();
            proof.path("hashes").forEach(h -> hashes.add(HEX.parseHex(h.asText())));
            ProofVerifier.verifyInclusion(leafHash, index, size, hashes, checkpoint.rootHash());
            report.pass("the statement is entry " + index + " of the log: its inclusion proof leads to the signed "
                    + "root");
        } catch (RuntimeException | IOException e) {
            report.fail("the statement is not proven to be in the log: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ build files

    private void verifyBuildFile(TrustAnchors anchors) throws IOException {
        if (provenanceFile == null) {
            report.fail(file + " is neither a bundle nor an envelope; to check a build file, give its provenance "
                    + "bundle with --provenance");
            return;
        }
        JsonNode p = readJson(provenanceFile);
        if (p == null) {
            report.fail("the provenance " + provenanceFile + " is not JSON");
            return;
        }
        Statement statement = BUNDLE_MEDIA_TYPE.equals(p.path("mediaType").asText()) ? verifyBundle(p, anchors)
                : verifyEnvelope(p, anchors);
        String[] digest = sha256AndLength(file);
        report.note(file.getFileName() + " is " + digest[1] + " bytes with sha256:" + digest[0]);
        if (statement == null) {
            report.fail("the build file cannot be matched: its provenance did not verify");
            return;
        }
        boolean matches = statement.subjects().stream().anyMatch(s -> s.sha256().equals(digest[0]));
        if (matches) {
            report.pass("the build file's sha256 is the subject of the verified provenance");
        } else {
            report.fail("the build file's sha256 is not a subject of the provenance (which names "
                    + statement.subjects().stream().map(s -> s.name() + " sha256:" + s.sha256()).toList() + ")");
        }
        JsonNode stated = statement.predicate().path("buildDefinition").path("externalParameters").path("recipe")
                .path("outputLength");
        if (stated.isIntegralNumber() || stated.isTextual()) {
            if (stated.asText().equals(digest[1])) {
                report.pass("the build file's length matches the provenance (" + digest[1] + " bytes)");
            } else {
                report.fail("the build file is " + digest[1] + " bytes but the provenance says " + stated.asText());
            }
        }
    }

    private static String[] sha256AndLength(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                total += n;
            }
            return new String[] {HEX.formatHex(md.digest()), Long.toString(total)};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
