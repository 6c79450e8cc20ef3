package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.internal.Sha256;
import dev.modelport.signing.json.MalformedJsonException;
import java.util.Map;
import java.util.TreeMap;

/**
 * METAFILES entry (TUF §4.4): the version of a metadata file and, optionally, its length and
 * hashes. Our repository always writes length and sha256, so a mirror cannot swap in other bytes
 * of the same version.
 */
public record MetaFile(int version, Long length, Map<String, String> hashes) {
  public MetaFile {
    hashes = hashes == null ? Map.of() : Map.copyOf(hashes);
  }

  /** Describes exactly {@code bytes}, which are metadata of {@code version}. */
  public static MetaFile of(int version, byte[] bytes) {
    return new MetaFile(version, (long) bytes.length, Map.of("sha256", Sha256.hex(bytes)));
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object().put("version", version);
    if (length != null) {
      o.put("length", length);
    }
    if (!hashes.isEmpty()) {
      o.set("hashes", Json.stringMapNode(new TreeMap<>(hashes)));
    }
    return o;
  }

  static MetaFile fromJson(JsonNode o) {
    long v = Json.integer(o, "version");
    Long length = o.has("length") ? Json.integer(o, "length") : null;
    if (v < 1 || v > Integer.MAX_VALUE || (length != null && length < 0)) {
      throw new MalformedJsonException("meta version must be positive and length non-negative");
    }
    return new MetaFile((int) v, length, o.has("hashes") ? TufJson.hashes(o) : Map.of());
  }
}
