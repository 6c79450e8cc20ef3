package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Hex;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.json.MalformedJsonException;
import dev.modelport.signing.key.Ed25519PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** TUF JSON conventions shared by the metadata classes. Package-private. */
final class TufJson {
  static final String SPEC_VERSION = "1.0.31";

  private TufJson() {}

  /** TUF §4.2 KEY for ed25519: keytype and scheme "ed25519", keyval.public in hex. */
  static ObjectNode key(Ed25519PublicKey key) {
    ObjectNode o = Json.object().put("keytype", "ed25519").put("scheme", "ed25519");
    o.putObject("keyval").put("public", key.hex());
    return o;
  }

  static ObjectNode keys(Map<String, Ed25519PublicKey> keys) {
    ObjectNode o = Json.object();
    new TreeMap<>(keys).forEach((id, k) -> o.set(id, key(k)));
    return o;
  }

  /**
   * Reads a KEYID -> KEY map. Keys of other types are skipped: we cannot verify with them, so they
   * can never count towards a threshold, which is the safe reading of an unknown key.
   */
  static Map<String, Ed25519PublicKey> parseKeys(JsonNode obj) {
    Map<String, Ed25519PublicKey> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : Json.requireObject(obj, "keys").properties()) {
      JsonNode k = Json.requireObject(e.getValue(), "key " + e.getKey());
      if ("ed25519".equals(Json.text(k, "keytype")) && "ed25519".equals(Json.text(k, "scheme"))) {
        out.put(e.getKey(), Ed25519PublicKey.fromHex(Json.text(Json.object(k, "keyval"), "public")));
      }
    }
    return out;
  }

  static ObjectNode header(String type, String specVersion, int version, Instant expires) {
    return Json.object().put("_type", type).put("spec_version", specVersion).put("version", version)
        .put("expires", expires.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** Checks _type and a 1.x spec_version; returns the version. */
  static int checkHeader(JsonNode signed, String type) {
    if (!type.equals(Json.text(signed, "_type"))) {
      throw new MalformedJsonException("_type must be " + type);
    }
    String spec = Json.text(signed, "spec_version");
    if (!spec.startsWith("1.")) {
      throw new MalformedJsonException("unsupported spec_version " + spec);
    }
    long v = Json.integer(signed, "version");
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new MalformedJsonException("version must be a positive integer");
    }
    return (int) v;
  }

  static Instant expires(JsonNode signed) {
    try {
      return Instant.parse(Json.text(signed, "expires"));
    } catch (DateTimeParseException e) {
      throw new MalformedJsonException("expires is not an ISO-8601 UTC time");
    }
  }

  static Map<String, String> hashes(JsonNode obj) {
    Map<String, String> h = Json.stringMap(obj, "hashes");
    h.values().forEach(v -> {
      if (v.isEmpty() || !Hex.isLowerHex(v, v.length() / 2)) {
        throw new MalformedJsonException("hash values must be lower-case hex");
      }
    });
    return h;
  }

  /**
   * The bytes TUF signatures cover. RFC 8785 output equals the OLPC canonical JSON that python-tuf
   * and tuf-js sign as long as there are no floats and no control characters in strings, so we
   * refuse to sign either; everything else sorts and escapes identically.
   */
  static byte[] signingBytes(ObjectNode signed, boolean strict) {
    if (strict) {
      requireOlpcCompatible(signed);
    }
    return CanonicalJson.canonicalize(signed);
  }

  private static void requireOlpcCompatible(JsonNode node) {
    if (node.isNumber() && !node.isIntegralNumber()) {
      throw new IllegalArgumentException("TUF metadata must not contain floats: " + node);
    }
    if (node.isTextual()) {
      requireNoControls(node.textValue());
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        requireNoControls(e.getKey());
        requireOlpcCompatible(e.getValue());
      }
    }
    if (node.isArray()) {
      node.forEach(TufJson::requireOlpcCompatible);
    }
  }

  private static void requireNoControls(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20) {
        throw new IllegalArgumentException("TUF metadata strings must not contain control characters");
      }
    }
  }
}
