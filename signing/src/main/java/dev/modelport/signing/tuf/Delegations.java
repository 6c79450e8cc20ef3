package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.MalformedJsonException;
import dev.modelport.signing.key.Ed25519PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DELEGATIONS (TUF §4.5): the delegation keys and the ordered list of delegated roles. */
public record Delegations(Map<String, Ed25519PublicKey> keys, List<DelegatedRole> roles) {
  public Delegations {
    keys = Map.copyOf(keys);
    roles = List.copyOf(roles);
    Set<String> names = new HashSet<>();
    for (DelegatedRole r : roles) {
      if (!names.add(r.name())) {
        throw new MalformedJsonException("duplicate delegated role " + r.name());
      }
    }
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.set("keys", TufJson.keys(keys));
    ArrayNode list = o.putArray("roles");
    roles.forEach(r -> list.add(r.toJson()));
    return o;
  }

  static Delegations fromJson(JsonNode o) {
    List<DelegatedRole> roles = new ArrayList<>();
    Json.array(o, "roles").forEach(r -> roles.add(DelegatedRole.fromJson(Json.requireObject(r, "role"))));
    return new Delegations(TufJson.parseKeys(Json.field(o, "keys")), roles);
  }
}
