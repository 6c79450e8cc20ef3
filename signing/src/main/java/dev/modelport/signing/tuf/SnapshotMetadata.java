package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** snapshot.json (TUF §4.4): the version (and length, hashes) of every targets metadata file. */
public record SnapshotMetadata(String specVersion, int version, Instant expires, Map<String, MetaFile> meta)
    implements Signed {

  public static final String TYPE = "snapshot";

  public SnapshotMetadata {
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(expires, "expires");
    meta = Map.copyOf(meta);
  }

  public static SnapshotMetadata of(int version, Instant expires, Map<String, MetaFile> meta) {
    return new SnapshotMetadata(TufJson.SPEC_VERSION, version, expires, meta);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = TufJson.header(TYPE, specVersion, version, expires);
    ObjectNode m = o.putObject("meta");
    new TreeMap<>(meta).forEach((name, f) -> m.set(name, f.toJson()));
    return o;
  }

  static SnapshotMetadata fromJson(JsonNode s) {
    int version = TufJson.checkHeader(s, TYPE);
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    Json.object(s, "meta").properties().forEach(e -> meta.put(e.getKey(), MetaFile.fromJson(e.getValue())));
    return new SnapshotMetadata(Json.text(s, "spec_version"), version, TufJson.expires(s), meta);
  }
}
