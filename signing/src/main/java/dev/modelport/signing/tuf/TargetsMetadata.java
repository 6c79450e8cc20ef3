package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.key.Ed25519PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** targets.json or a delegated role's metadata (TUF §4.5). */
public record TargetsMetadata(
    String specVersion, int version, Instant expires, Map<String, TargetFile> targets, Delegations delegations)
    implements Signed {

  public static final String TYPE = "targets";

  public TargetsMetadata {
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(expires, "expires");
    targets = Map.copyOf(targets);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = TufJson.header(TYPE, specVersion, version, expires);
    ObjectNode t = o.putObject("targets");
    new TreeMap<>(targets).forEach((path, f) -> t.set(path, f.toJson()));
    if (delegations != null) {
      o.set("delegations", delegations.toJson());
    }
    return o;
  }

  static TargetsMetadata fromJson(JsonNode s) {
    int version = TufJson.checkHeader(s, TYPE);
    Map<String, TargetFile> targets = new LinkedHashMap<>();
    Json.object(s, "targets").properties()
        .forEach(e -> targets.put(e.getKey(), TargetFile.fromJson(Json.requireObject(e.getValue(), e.getKey()))));
    JsonNode d = s.get("delegations");
    return new TargetsMetadata(Json.text(s, "spec_version"), version, TufJson.expires(s), targets,
        d == null || d.isNull() ? null : Delegations.fromJson(d));
  }

  public static final class Builder {
    private int version = 1;
    private Instant expires;
    private final Map<String, TargetFile> targets = new LinkedHashMap<>();
    private final Map<String, Ed25519PublicKey> delegationKeys = new LinkedHashMap<>();
    private final List<DelegatedRole> delegated = new ArrayList<>();

    private Builder() {}

    public Builder version(int v) {
      version = v;
      return this;
    }

    public Builder expires(Instant v) {
      expires = v;
      return this;
    }

    public Builder target(String path, TargetFile file) {
      targets.put(path, file);
      return this;
    }

    /** Delegates {@code paths} to a role signed by {@code threshold} of {@code keys}, in priority order. */
    public Builder delegate(String role, List<Ed25519PublicKey> keys, int threshold, List<String> paths,
        boolean terminating) {
      keys.forEach(k -> delegationKeys.put(k.keyId(), k));
      delegated.add(DelegatedRole.ofPaths(role,
          new Role(keys.stream().map(Ed25519PublicKey::keyId).toList(), threshold), paths, terminating));
      return this;
    }

    public TargetsMetadata build() {
      Delegations d = delegated.isEmpty() ? null : new Delegations(delegationKeys, delegated);
      return new TargetsMetadata(TufJson.SPEC_VERSION, version, expires, targets, d);
    }
  }
}
