package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.json.MalformedJsonException;
import java.time.Instant;
import java.util.Objects;

/** timestamp.json (TUF §4.6): names the current snapshot.json version, length and hash. */
public record TimestampMetadata(String specVersion, int version, Instant expires, MetaFile snapshot)
    implements Signed {

  public static final String TYPE = "timestamp";
  static final String SNAPSHOT_JSON = "snapshot.json";

  public TimestampMetadata {
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(snapshot, "snapshot");
  }

  public static TimestampMetadata of(int version, Instant expires, MetaFile snapshot) {
    return new TimestampMetadata(TufJson.SPEC_VERSION, version, expires, snapshot);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = TufJson.header(TYPE, specVersion, version, expires);
    o.putObject("meta").set(SNAPSHOT_JSON, snapshot.toJson());
    return o;
  }

  static TimestampMetadata fromJson(JsonNode s) {
    int version = TufJson.checkHeader(s, TYPE);
    ObjectNode meta = Json.object(s, "meta");
    if (meta.size() != 1 || !meta.has(SNAPSHOT_JSON)) {
      throw new MalformedJsonException("timestamp meta must describe exactly snapshot.json");
    }
    return new TimestampMetadata(Json.text(s, "spec_version"), version, TufJson.expires(s),
        MetaFile.fromJson(Json.object(meta, SNAPSHOT_JSON)));
  }
}
