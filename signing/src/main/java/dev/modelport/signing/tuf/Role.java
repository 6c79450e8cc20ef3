package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.MalformedJsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A role's trusted key ids and signature threshold (TUF §4.3 ROLE). */
public record Role(List<String> keyIds, int threshold) {
  public Role {
    keyIds = List.copyOf(new TreeSet<>(keyIds));
    if (threshold < 1) {
      throw new MalformedJsonException("threshold must be at least 1");
    }
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    ArrayNode ids = o.putArray("keyids");
    keyIds.forEach(ids::add);
    return o.put("threshold", threshold);
  }

  static Role fromJson(JsonNode o) {
    List<String> ids = new ArrayList<>();
    Json.array(o, "keyids").forEach(k -> ids.add(k.asText()));
    long t = Json.integer(o, "threshold");
    if (t > Integer.MAX_VALUE) {
      throw new MalformedJsonException("threshold too large");
    }
    return new Role(ids, (int) t);
  }
}
