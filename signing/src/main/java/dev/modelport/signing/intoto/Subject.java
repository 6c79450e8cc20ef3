package dev.modelport.signing.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Hex;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.MalformedJsonException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An in-toto ResourceDescriptor used as a Statement subject: a name and a digest set. We require a
 * lower-case hex {@code sha256}; other algorithms may ride along but are never the ones we match on.
 */
public record Subject(String name, Map<String, String> digest) {
  public Subject {
    Objects.requireNonNull(name, "name");
    digest = Map.copyOf(new TreeMap<>(digest));
    String sha = digest.get("sha256");
    if (sha == null || !Hex.isLowerHex(sha, 32)) {
      throw new MalformedJsonException("subject '" + name + "' needs a lower-case hex sha256 digest");
    }
  }

  public static Subject sha256(String name, String sha256Hex) {
    return new Subject(name, Map.of("sha256", sha256Hex));
  }

  public String sha256() {
    return digest.get("sha256");
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object().put("name", name);
    o.set("digest", Json.stringMapNode(new TreeMap<>(digest)));
    return o;
  }

  static Subject fromJson(JsonNode node) {
    Json.requireObject(node, "subject");
    return new Subject(Json.text(node, "name"), Json.stringMap(node, "digest"));
  }
}
