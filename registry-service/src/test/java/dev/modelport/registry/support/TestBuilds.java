package dev.modelport.registry.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.modelport.devstack.SampleGguf;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.registry.trust.log.LogEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.intoto.BuildProvenance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Test-only stand-in for the build feature, which another engineer is writing in parallel (the quantize job and the
 * build upload flow). It makes a READY, signed build the way that feature will: a real tiny GGUF uploaded through the
 * upload API (so the blob exists and is served), its real per-tensor digest, and a real platform-signed in-toto
 * build-provenance statement appended to the transparency log. Only the build row itself is inserted directly, with
 * SQL, because no API creates builds yet. Replace it with the build API once that lands.
 */
@ApplicationScoped
public class TestBuilds {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource db;

    @Inject
    TransparencyLog log;

    @Inject
    TrustKeyService keys;

    /** A made build: its id, and the output GGUF's digest and length. */
    public record Made(UUID id, String digest, long length) {
    }

    /**
     * A READY, signed build of {@code version} ({@code owner/model@x.y.z}, published) for {@code deviceClass}, owned
     * by the version's owner; {@code user} must act for that owner.
     */
    public Made readySignedBuild(String user, String version, String deviceClass, String quantType) throws Exception {
        SampleGguf gguf = SampleGguf.small("llama", Api.unique("build-" + deviceClass));
        byte[] bytes = gguf.bytes();
        String digest = Fixtures.upload(user, bytes, gguf.digest());
        // SampleGguf.small holds one 4096-byte tensor "weights" at the end of the file.
        int offset = bytes.length - 4096;
        ArrayNode tensors = JSON.createArrayNode();
        tensors.addObject().put("name", "weights").put("offset", offset).put("length", 4096)
                .put("digest", "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Arrays.copyOfRange(bytes, offset, bytes.length))));
        UUID versionId;
        UUID ownerId;
        String inputDigest;
        UUID deviceClassId;
        try (Connection c = db.getConnection()) {
            int at = version.indexOf('@');
            String[] owned = version.substring(0, at).split("/");
            try (PreparedStatement q = c.prepareStatement("SELECT v.id, m.owner_id, a.digest FROM model_version v "
                    + "JOIN model m ON m.id = v.model_id JOIN organisation o ON o.id = m.owner_id "
                    + "JOIN version_artifact a ON a.version_id = v.id "
                    + "WHERE o.slug = ? AND m.slug = ? AND v.label = ?")) {
                q.setString(1, owned[0]);
                q.setString(2, owned[1]);
                q.setString(3, version.substring(at + 1));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    versionId = rs.getObject(1, UUID.class);
                    ownerId = rs.getObject(2, UUID.class);
                    inputDigest = rs.getString(3);
                }
            }
            deviceClassId = single(c, "SELECT id FROM device_class WHERE slug = ?", deviceClass);
        }
        BuildProvenance provenance = BuildProvenance.builder()
                .buildType(BuildProvenance.QUANTIZE_BUILD_TYPE)
                .input("weights.gguf", inputDigest.substring(7))
                .tool("modelport-quantize", "test")
                .recipe("quantization", quantType)
                .recipe("deviceClass", deviceClass)
                .output(version.replace('/', '_').replace('@', '-') + ".gguf", digest.substring(7))
                .startedOn(Instant.now()).finishedOn(Instant.now())
                .build();
        Envelope envelope = keys.signAsPlatform(provenance.toStatement());
        LogEntry entry = QuarkusTransaction.requiringNew().call(() -> log.append(envelope));
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO build (id, "
                + "owner_id, version_id, device_class_id, quant_type, origin, derivation, status, input_digest, "
                + "output_digest, output_size, context_length, memory_estimate_bytes, quantizer_version, recipe, "
                + "tensor_digests, provenance_envelope, provenance_log_index, created_by, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, 'PLATFORM', 'VERIFIED', 'READY', ?, ?, ?, 4096, ?, 'test', ?, ?, ?, ?, "
                + "'test-fixture', ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setObject(1, id);
            insert.setObject(2, ownerId);
            insert.setObject(3, versionId);
            insert.setObject(4, deviceClassId);
            insert.setString(5, quantType);
            insert.setString(6, inputDigest);
            insert.setString(7, digest);
            insert.setLong(8, bytes.length);
            insert.setLong(9, bytes.length * 2L);
            insert.setString(10, "{\"pure\":true,\"quantType\":\"" + quantType + "\"}");
            insert.setString(11, JSON.writeValueAsString(tensors));
            insert.setString(12, new String(envelope.toJsonBytes(), StandardCharsets.UTF_8));
            insert.setLong(13, entry.index());
            insert.setTimestamp(14, now);
            insert.setTimestamp(15, now);
            insert.executeUpdate();
        }
        return new Made(id, digest, bytes.length);
    }

    /** Inserts a build that is not READY (still queued), for refusal tests. */
    public UUID queuedBuild(String version, String deviceClass) throws Exception {
        Made made = readySignedBuild(userOf(version), version, deviceClass, "Q8_0");
        try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
                "UPDATE build SET status = 'QUEUED', output_digest = NULL, output_size = NULL WHERE id = ?")) {
            u.setObject(1, made.id());
            u.executeUpdate();
        }
        return made.id();
    }

    /** Forgets a build's transparency-log entry, so it counts as unsigned. */
    public void unsign(UUID build) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
                "UPDATE build SET provenance_log_index = NULL WHERE id = ?")) {
            u.setObject(1, build);
            u.executeUpdate();
        }
    }

    private static String userOf(String version) {
        return Fixtures.ORG_OF.entrySet().stream().filter(e -> version.startsWith(e.getValue() + "/"))
                .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static UUID single(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, arg);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
