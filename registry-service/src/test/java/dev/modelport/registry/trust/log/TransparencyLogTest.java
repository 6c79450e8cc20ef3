package dev.modelport.registry.trust.log;

import static dev.modelport.registry.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.trust.KeyRole;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.intoto.Subject;
import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.tlog.Checkpoint;
import dev.modelport.signing.tlog.InvalidProofException;
import dev.modelport.signing.tlog.NoteVerifierKey;
import dev.modelport.signing.tlog.ProofVerifier;
import dev.modelport.signing.tlog.Rfc6962;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The PostgreSQL-backed transparency log: proofs verify with the signing library, tampering is caught. */
@QuarkusTest
@WithTestResource(RealStack.class)
class TransparencyLogTest {

    private static final HexFormat HEX = HexFormat.of();

    @Inject
    TransparencyLog log;

    @Inject
    DataSource db;

    @Inject
    TrustKeyService keys;

    static Statement statement(String name) {
        try {
            String sha = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
            return Statement.of(List.of(Subject.sha256(name, sha)), "https://modelport.dev/attestation/test/v1",
                    JsonNodeFactory.instance.objectNode().put("note", name));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Checkpoint signedCheckpoint() {
        JsonPath keys = as("regulator").get("/api/v1/log/keys").then().statusCode(200).extract().jsonPath();
        List<NoteVerifierKey> vkeys = keys.getList("verifierKeys", String.class).stream().map(NoteVerifierKey::parse)
                .toList();
        String note = as("regulator").get("/api/v1/log/checkpoint").then().statusCode(200).extract().asString();
        return Checkpoint.verify(note, keys.getString("origin"), vkeys);
    }

    private static void verifyInclusion(String leafHash, Checkpoint checkpoint) {
        JsonPath proof = as("regulator").queryParam("leafHash", leafHash).queryParam("treeSize", checkpoint.size())
                .get("/api/v1/log/proof/inclusion").then().statusCode(200).extract().jsonPath();
        List<byte[]> hashes = proof.getList("hashes", String.class).stream().map(HEX::parseHex).toList();
        ProofVerifier.verifyInclusion(HEX.parseHex(leafHash), proof.getLong("leafIndex"), checkpoint.size(), hashes,
                checkpoint.rootHash());
    }

    @Test
    void anAppendedStatementIsProvablyInTheSignedTree() {
        LogEntry entry = log.signAndAppend(statement("model-" + UUID.randomUUID()));
        Checkpoint checkpoint = signedCheckpoint();

        assertThat(checkpoint.size()).isGreaterThan(entry.index());
        verifyInclusion(entry.leafHash(), checkpoint);
        JsonPath stored = as("regulator").get("/api/v1/log/entries/" + entry.index()).then().statusCode(200)
                .extract().jsonPath();
        byte[] leafData = java.util.Base64.getDecoder().decode(stored.getString("entry"));
        assertThat(HEX.formatHex(Rfc6962.leafHash(leafData))).isEqualTo(entry.leafHash());
    }

    @Test
    void laterCheckpointsAreConsistentWithEarlierOnes() {
        log.signAndAppend(statement("a-" + UUID.randomUUID()));
        Checkpoint before = signedCheckpoint();
        log.signAndAppend(statement("b-" + UUID.randomUUID()));
        log.signAndAppend(statement("c-" + UUID.randomUUID()));
        Checkpoint after = signedCheckpoint();

        JsonPath proof = as("regulator").queryParam("from", before.size()).queryParam("to", after.size())
                .get("/api/v1/log/proof/consistency").then().statusCode(200).extract().jsonPath();
        ProofVerifier.verifyConsistency(before.size(), after.size(), before.rootHash(), after.rootHash(),
                proof.getList("hashes", String.class).stream().map(HEX::parseHex).toList());
    }

    @Test
    void appendingTheSameEnvelopeTwiceReturnsTheSameEntry() {
        var envelope = statement("twice-" + UUID.randomUUID()).sign(keysSigner());
        assertThat(log.append(envelope)).isEqualTo(log.append(envelope));
    }

    private Ed25519Signer keysSigner() {
        return keys.signers(KeyRole.TARGETS).get(0);
    }

    @Test
    void statementsSignedByUnknownKeysAreRejected() {
        var forged = statement("forged").sign(Ed25519PrivateKey.generate().signer());
        assertThatThrownBy(() -> log.append(forged)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOG_ENTRY_REJECTED));
    }

    @Test
    void parallelAppendsLeaveOneConsistentTree() throws Exception {
        int threads = 6;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<Long> indexes = ConcurrentHashMap.newKeySet();
        List<LogEntry> entries = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        LogEntry e = log.signAndAppend(statement("parallel-" + UUID.randomUUID()));
                        indexes.add(e.index());
                        entries.add(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(indexes).hasSize(threads * each);
        IntegrityReport report = log.verifyIntegrity();
        assertThat(report.problems()).isEmpty();
        assertThat(report.consistent()).isTrue();
        Checkpoint checkpoint = signedCheckpoint();
        entries.forEach(e -> verifyInclusion(e.leafHash(), checkpoint));
    }

    @Test
    void editingAStoredEnvelopeIsReportedByTheIntegrityCheck() throws Exception {
        LogEntry entry = log.signAndAppend(statement("tamper-" + UUID.randomUUID()));
        byte[] original = log.entry(entry.index()).orElseThrow().envelopeJson();
        byte[] edited = new String(original, StandardCharsets.UTF_8).replace("payloadType", "payloadtype")
                .getBytes(StandardCharsets.UTF_8);
        try {
            update("UPDATE tlog_leaf SET entry = ? WHERE idx = ?", edited, entry.index());

            as("admin").get("/api/v1/log/verify").then().statusCode(200)
                    .body("consistent", equalTo(false))
                    .body("problems[0]", containsString("leaf " + entry.index()));
        } finally {
            update("UPDATE tlog_leaf SET entry = ? WHERE idx = ?", original, entry.index());
        }
        as("admin").get("/api/v1/log/verify").then().statusCode(200).body("consistent", equalTo(true));
    }

    @Test
    void aForgedLeafFailsItsInclusionProof() throws Exception {
        LogEntry entry = log.signAndAppend(statement("forge-" + UUID.randomUUID()));
        log.signAndAppend(statement("after-" + UUID.randomUUID()));
        Checkpoint checkpoint = signedCheckpoint();
        byte[] original = log.entry(entry.index()).orElseThrow().envelopeJson();
        byte[] forged = statement("something else").sign(keysSigner()).toJsonBytes();
        String forgedHash = HEX.formatHex(Rfc6962.leafHash(forged));
        try {
            update("UPDATE tlog_leaf SET entry = ?, leaf_hash = ? WHERE idx = ?", forged, HEX.parseHex(forgedHash),
                    entry.index());

            assertThatThrownBy(() -> verifyInclusion(forgedHash, checkpoint)).isInstanceOf(InvalidProofException.class);
        } finally {
            update("UPDATE tlog_leaf SET entry = ?, leaf_hash = ? WHERE idx = ?", original,
                    HEX.parseHex(entry.leafHash()), entry.index());
        }
        verifyInclusion(entry.leafHash(), checkpoint);
    }

    @Test
    void devicesReadTheLogWithoutAToken() {
        LogEntry entry = log.signAndAppend(statement("device-" + UUID.randomUUID()));
        given().get("/device/v1/log/checkpoint").then().statusCode(200).contentType(containsString("text/plain"))
                .body(containsString(log.origin()));
        given().queryParam("leafHash", entry.leafHash()).get("/device/v1/log/proof/inclusion").then().statusCode(200)
                .body("leafIndex", equalTo((int) entry.index()));
        given().queryParam("leafHash", entry.leafHash()).get("/device/v1/log/bundle").then().statusCode(200)
                .body("mediaType", equalTo(LogBundle.MEDIA_TYPE));
    }

    @Test
    void badProofRequestsAreProblems() {
        as("vendor").queryParam("leafHash", "nothex").get("/api/v1/log/proof/inclusion").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        as("vendor").queryParam("leafHash", "00".repeat(32)).get("/api/v1/log/proof/inclusion").then().statusCode(404);
        as("vendor").queryParam("from", 0).queryParam("to", Long.MAX_VALUE).get("/api/v1/log/proof/consistency")
                .then().statusCode(400);
        as("vendor").get("/api/v1/log/verify").then().statusCode(403);
    }

    private void update(String sql, Object... args) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
