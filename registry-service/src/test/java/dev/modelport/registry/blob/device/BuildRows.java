package dev.modelport.registry.blob.device;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;

import dev.modelport.registry.support.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Test-only fixture that inserts READY build rows with SQL. It stands in for the builds feature, which another
 * engineer is building right now (branch builds): once builds can be made through the API, tests should make them so.
 * The model version and device class it references are made through the real API.
 */
final class BuildRows {

    private BuildRows() {
    }

    /** A READY build owned by {@code ownerSlug} whose output is the uploaded blob {@code outputDigest}. */
    static UUID readyBuild(DataSource db, String ownerSlug, String outputDigest, long outputSize) {
        String version = Fixtures.draft("vendor", Fixtures.model("vendor", "BASE", "PUBLIC"), "1.0.0");
        String deviceClass = deviceClass();
        UUID id = UUID.randomUUID();
        String sql = """
                INSERT INTO build (id, owner_id, version_id, device_class_id, quant_type, origin, derivation, status,
                    input_digest, output_digest, output_size, memory_estimate_bytes, recipe, tensor_digests,
                    provenance_envelope, created_by, created_at, updated_at)
                SELECT ?, o.id, v.id, dc.id, 'Q8_0', 'UPLOADED', 'DECLARED', 'READY', ?, ?, ?, 1, '{}', '[]', '{}',
                    'test', now(), now()
                FROM organisation o, model_version v JOIN model m ON m.id = v.model_id, device_class dc
                WHERE o.slug = ? AND m.slug = ? AND v.label = '1.0.0' AND dc.slug = ?""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.setString(2, outputDigest);
            s.setString(3, outputDigest);
            s.setLong(4, outputSize);
            s.setString(5, ownerSlug);
            s.setString(6, version.substring(version.indexOf('/') + 1, version.indexOf('@')));
            s.setString(7, deviceClass);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("build row not inserted");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static String deviceClass() {
        String slug = unique("dl-class");
        Map<String, Object> spec = new HashMap<>(Map.of("name", "Download test class", "socFamily", "sd8g3",
                "abi", "arm64-v8a", "ramBytes", 16L << 30, "accelerator", "NPU", "runtimeName", "llama.cpp",
                "runtimeMinVersion", "b4000", "memoryBudgetBytes", 6L << 30));
        as("admin").body(Map.of("slug", slug, "spec", spec)).post("/api/v1/device-classes").then().statusCode(201);
        return slug;
    }
}
