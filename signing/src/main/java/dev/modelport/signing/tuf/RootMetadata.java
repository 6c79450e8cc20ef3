package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.MalformedJsonException;
import dev.modelport.signing.key.Ed25519PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** root.json (TUF §4.3): the keys and thresholds of the four top-level roles. */
public record RootMetadata(
    String specVersion,
    int version,
    Instant expires,
    boolean consistentSnapshot,
    Map<String, Ed25519PublicKey> keys,
    Map<String, Role> roles) implements Signed {

  public static final String TYPE = "root";
  public static final List<String> TOP_LEVEL_ROLES = List.of("root", "timestamp", "snapshot", "targets");

  public RootMetadata {
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(expires, "expires");
    keys = Map.copyOf(keys);
    roles = Map.copyOf(roles);
    for (String r : TOP_LEVEL_ROLES) {
      if (!roles.containsKey(r)) {
        throw new MalformedJsonException("root metadata lacks role " + r);
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  public Role role(String name) {
    return roles.get(name);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = TufJson.header(TYPE, specVersion, version, expires).put("consistent_snapshot", consistentSnapshot);
    o.set("keys", TufJson.keys(keys));
    ObjectNode r = o.putObject("roles");
    new TreeMap<>(roles).forEach((name, role) -> r.set(name, role.toJson()));
    return o;
  }

  static RootMetadata fromJson(JsonNode s) {
    int version = TufJson.checkHeader(s, TYPE);
    Map<String, Role> roles = new LinkedHashMap<>();
    Json.object(s, "roles").properties().forEach(e -> roles.put(e.getKey(), Role.fromJson(e.getValue())));
    return new RootMetadata(Json.text(s, "spec_version"), version, TufJson.expires(s),
        Json.bool(s, "consistent_snapshot", false), TufJson.parseKeys(Json.field(s, "keys")), roles);
  }

  /** Builder; consistent snapshots are on by default, as our repository always writes them. */
  public static final class Builder {
    private String specVersion = TufJson.SPEC_VERSION;
    private int version = 1;
    private Instant expires;
    private boolean consistentSnapshot = true;
    private final Map<String, Ed25519PublicKey> keys = new LinkedHashMap<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();

    private Builder() {}

    public Builder version(int v) {
      version = v;
      return this;
    }

    public Builder expires(Instant v) {
      expires = v;
      return this;
    }

    public Builder consistentSnapshot(boolean v) {
      consistentSnapshot = v;
      return this;
    }

    public Builder specVersion(String v) {
      specVersion = v;
      return this;
    }

    /** Sets a top-level role's keys and threshold. */
    public Builder role(String name, int threshold, List<Ed25519PublicKey> roleKeys) {
      roleKeys.forEach(k -> keys.put(k.keyId(), k));
      roles.put(name, new Role(roleKeys.stream().map(Ed25519PublicKey::keyId).toList(), threshold));
      return this;
    }

    public RootMetadata build() {
      // Keep only keys some role still uses, so a rotated-out key disappears from the file.
      Map<String, Ed25519PublicKey> used = new LinkedHashMap<>();
      roles.values().forEach(r -> r.keyIds().forEach(id -> used.put(id, keys.get(id))));
      return new RootMetadata(specVersion, version, expires, consistentSnapshot, used, roles);
    }
  }
}
