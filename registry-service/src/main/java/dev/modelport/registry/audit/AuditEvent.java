package dev.modelport.registry.audit;

import dev.modelport.registry.common.crypto.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * One audit event as it is hashed. {@code before} and {@code after} are canonical JSON texts (or null).
 *
 * <p>The hash is SHA-256 over the RFC 8785 canonical JSON of every field below, {@code prevHash} included, so an
 * event cannot be changed, removed or moved without breaking the chain from there on.
 */
public record AuditEvent(long seq, Instant occurredAt, String actor, String actorName, UUID actorOrgId, UUID orgId,
                         String action, String objectType, String objectId, String before, String after,
                         String prevHash) {

    /** The hash that precedes the first event. */
    public static final String GENESIS = "0".repeat(64);

    public String hash() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("seq", seq);
        node.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(occurredAt));
        node.put("actor", actor);
        node.put("actorName", actorName);
        node.put("actorOrg", actorOrgId == null ? null : actorOrgId.toString());
        node.put("org", orgId == null ? null : orgId.toString());
        node.put("action", action);
        node.put("objectType", objectType);
        node.put("objectId", objectId);
        node.set("before", json(before));
        node.set("after", json(after));
        node.put("prevHash", prevHash);
        return sha256Hex(CanonicalJson.canonicalize(node));
    }

    private static JsonNode json(String text) {
        return text == null ? JsonNodeFactory.instance.nullNode() : CanonicalJson.parse(text);
    }

    static String sha256Hex(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    static String canonical(JsonNode node) {
        return node == null || node.isNull() ? null
                : new String(CanonicalJson.canonicalize(node), StandardCharsets.UTF_8);
    }
}
