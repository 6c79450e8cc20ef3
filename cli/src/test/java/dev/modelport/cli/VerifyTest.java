package dev.modelport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.intoto.BuildProvenance;
import dev.modelport.signing.intoto.KeyEventPredicate;
import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.tlog.Checkpoint;
import dev.modelport.signing.tlog.InMemoryHashStore;
import dev.modelport.signing.tlog.MerkleProofs;
import dev.modelport.signing.tuf.RootMetadata;
import dev.modelport.signing.tuf.SignedMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier against a complete, locally built trust setup: root, key events, log and bundle. */
class VerifyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final String ORIGIN = "modelport.dev/log/test";

    @TempDir
    Path dir;

    private final List<Ed25519Signer> rootKeys = List.of(key(), key(), key());
    private final Ed25519Signer targets = key();
    private final Ed25519Signer checkpointKey = key();
    private final Ed25519Signer oemKey = key();
    private final InMemoryHashStore log = new InMemoryHashStore();
    private final List<Envelope> keyEvents = new ArrayList<>();
    private byte[] build;
    private Path root;

    private static Ed25519Signer key() {
        return Ed25519PrivateKey.generate().signer();
    }

    @BeforeEach
    void setUp() throws Exception {
        RootMetadata md = RootMetadata.builder().version(1).expires(Instant.now().plus(Duration.ofDays(30)))
                .role("root", 2, rootKeys.stream().map(Ed25519Signer::publicKey).toList())
                .role("targets", 1, List.of(targets.publicKey())).role("snapshot", 1, List.of(key().publicKey()))
                .role("timestamp", 1, List.of(key().publicKey())).build();
        root = Files.write(dir.resolve("root.json"), SignedMetadata.sign(md, rootKeys).bytes());
        keyEvents.add(event("ADDED", "checkpoint", "modelport", checkpointKey));
        keyEvents.add(event("ADDED", "oem", "orion-mobile", oemKey));
        keyEvents.forEach(e -> log.append(e.toJsonBytes()));
        build = "GGUF weights for the verifier test".getBytes(StandardCharsets.UTF_8);
    }

    private Envelope event(String event, String role, String owner, Ed25519Signer key) {
        return KeyEventPredicate.builder().event(event).owner(owner).role(role).key(key.publicKey())
                .effectiveAt(Instant.now()).build().toStatement().sign(rootKeys.subList(0, 2));
    }

    private Envelope provenance(Ed25519Signer signer, byte[] output) throws Exception {
        String sha = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(output));
        ObjectNode recipe = JSON.createObjectNode().put("quantization", "Q4_0").put("outputLength", output.length);
        return BuildProvenance.builder().input("base.gguf", "ab".repeat(32)).tool("modelport-quantize", "1.0")
                .recipe(recipe).output("orion-mobile/assistant-q4_0.gguf", sha).build().toStatement().sign(signer);
    }

    /** Appends the envelope, then a few more leaves, and writes its bundle as the service would serve it. */
    private Path bundle(Envelope envelope) throws Exception {
        long index = log.append(envelope.toJsonBytes());
        log.append("later entry".getBytes(StandardCharsets.UTF_8));
        long size = log.size();
        ObjectNode b = JSON.createObjectNode().put("mediaType", Verify.BUNDLE_MEDIA_TYPE);
        b.set("envelope", JSON.readTree(envelope.toJsonBytes()));
        ObjectNode proof = b.putObject("inclusionProof").put("leafIndex", index).put("treeSize", size)
                .put("rootHash", HEX.formatHex(MerkleProofs.rootHash(log, size)));
        ArrayNode hashes = proof.putArray("hashes");
        MerkleProofs.inclusionProof(log, index, size).forEach(h -> hashes.add(HEX.formatHex(h)));
        b.put("checkpoint", new Checkpoint(ORIGIN, size, MerkleProofs.rootHash(log, size)).sign(ORIGIN, checkpointKey));
        b.put("logOrigin", ORIGIN);
        ArrayNode events = b.putArray("keyEvents");
        for (Envelope e : keyEvents) {
            events.add(JSON.readTree(e.toJsonBytes()));
        }
        return Files.write(dir.resolve("bundle-" + index + ".json"), JSON.writeValueAsBytes(b));
    }

    private record Result(int code, String out) {
    }

    private static Result verify(Object... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] strings = java.util.Arrays.stream(args).map(Object::toString).toArray(String[]::new);
        int code = Verify.run(strings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPlatformSignedLoggedStatementVerifies() throws Exception {
        Result r = verify(bundle(provenance(targets, build)), "--root", root);

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("PASS  the statement is signed by key", "PASS  the checkpoint of log "
                + ORIGIN, "PASS  the statement is entry", "VERIFIED");
    }

    @Test
    void anOemSignedStatementVerifiesThroughItsRootSignedKeyEvent() throws Exception {
        Result r = verify(bundle(provenance(oemKey, build)), "--root", root);

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("orion-mobile, oem; introduced by a root-signed key event");
    }

    @Test
    void aRevokedOemKeyIsNotTrusted() throws Exception {
        keyEvents.add(event("REVOKED", "oem", "orion-mobile", oemKey));
        Result r = verify(bundle(provenance(oemKey, build)), "--root", root);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("was revoked", "NOT VERIFIED");
    }

    @Test
    void aTamperedPayloadFails() throws Exception {
        Path bundle = bundle(provenance(targets, build));
        ObjectNode b = (ObjectNode) JSON.readTree(bundle.toFile());
        ObjectNode env = (ObjectNode) b.get("envelope");
        byte[] payload = java.util.Base64.getDecoder().decode(env.get("payload").asText());
        String changed = new String(payload, StandardCharsets.UTF_8).replace("Q4_0", "Q8_0");
        env.put("payload", java.util.Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        Files.write(bundle, JSON.writeValueAsBytes(b));

        Result r = verify(bundle, "--root", root);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL  the signature by key", "FAIL  the statement is not proven to be in the log");
    }

    @Test
    void anotherRootTrustsNothingHere() throws Exception {
        Path other = Files.write(dir.resolve("other-root.json"), SignedMetadata.sign(RootMetadata.builder()
                .version(1).expires(Instant.now().plus(Duration.ofDays(1)))
                .role("root", 1, List.of(targets.publicKey())).role("targets", 1, List.of(key().publicKey()))
                .role("snapshot", 1, List.of(key().publicKey())).role("timestamp", 1, List.of(key().publicKey()))
                .build(), List.of(targets)).bytes());

        Result r = verify(bundle(provenance(oemKey, build)), "--root", other);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("not signed by the root's threshold");
    }

    @Test
    void aCheckpointOfAnotherSizeNeedsAnotherProof() throws Exception {
        Path bundle = bundle(provenance(targets, build));
        log.append("one more".getBytes(StandardCharsets.UTF_8));
        Path newer = Files.writeString(dir.resolve("checkpoint.txt"),
                new Checkpoint(ORIGIN, log.size(), MerkleProofs.rootHash(log, log.size())).sign(ORIGIN, checkpointKey));

        Result r = verify(bundle, "--root", root, "--checkpoint", newer);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("fetch a proof for that size");
    }

    @Test
    void aBuildFileIsCheckedAgainstItsProvenance() throws Exception {
        Path provenance = bundle(provenance(targets, build));
        Path good = Files.write(dir.resolve("assistant-q4_0.gguf"), build);
        Path bad = Files.write(dir.resolve("other.gguf"), "GGUF something else".getBytes(StandardCharsets.UTF_8));

        Result ok = verify(good, "--root", root, "--provenance", provenance);
        Result wrong = verify(bad, "--root", root, "--provenance", provenance);

        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("sha256 is the subject", "length matches");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.out()).contains("is not a subject of the provenance");
    }

    @Test
    void withoutARootNothingIsVerifiedAndBadUsageIsExitCodeTwo() throws Exception {
        Path bundle = bundle(provenance(targets, build));
        assertThat(verify(bundle).code()).isEqualTo(1);
        assertThat(verify().code()).isEqualTo(2);
        assertThat(verify(bundle, "--root").code()).isEqualTo(2);
    }

    @Test
    void anExplicitLogKeyIsEnough() throws Exception {
        Path bundle = bundle(provenance(targets, build));
        String vkey = new dev.modelport.signing.tlog.NoteVerifierKey(ORIGIN, checkpointKey.publicKey()).vkey();
        Result r = verify(bundle, "--root", root, "--log-key", vkey);
        assertThat(r.code()).as(r.out()).isZero();
    }
}
