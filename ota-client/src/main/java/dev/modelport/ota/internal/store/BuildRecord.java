package dev.modelport.ota.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.ActiveModel;
import dev.modelport.ota.internal.Json;
import java.io.IOException;

/**
 * What the client knows about a verified build: written beside the build in its slot (and, while
 * downloading, beside the staging file).
 *
 * @param attemptId     the install attempt; events of the attempt derive their ids from it
 * @param antiRollback  the signed anti-rollback counter of the target
 * @param tufRole       the TUF role that signed the target
 * @param rootVersion   the trusted TUF root version at verification
 */
public record BuildRecord(String digest, long length, String targetPath, long antiRollback, String provenanceClass,
    String attemptId, String tufRole, int rootVersion, ActiveModel.Filing filing) {

  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("digest", digest).put("length", length);
    Json.putNullable(o, "targetPath", targetPath);
    o.put("antiRollback", antiRollback);
    Json.putNullable(o, "provenanceClass", provenanceClass);
    Json.putNullable(o, "attemptId", attemptId);
    Json.putNullable(o, "tufRole", tufRole);
    o.put("rootVersion", rootVersion);
    if (filing != null) {
      ObjectNode f = o.putObject("filing");
      Json.putNullable(f, "jurisdiction", filing.jurisdiction());
      Json.putNullable(f, "number", filing.number());
    }
    return o;
  }

  public static BuildRecord fromJson(JsonNode o) throws IOException {
    String digest = Json.text(o, "digest");
    Long length = Json.integer(o, "length");
    if (digest == null || length == null) {
      throw new IOException("build record lacks digest or length");
    }
    Long counter = Json.integer(o, "antiRollback");
    Long root = Json.integer(o, "rootVersion");
    JsonNode f = Json.obj(o, "filing");
    return new BuildRecord(digest, length, Json.text(o, "targetPath"), counter == null ? 0 : counter,
        Json.text(o, "provenanceClass"), Json.text(o, "attemptId"), Json.text(o, "tufRole"),
        root == null ? 0 : root.intValue(),
        f == null ? null : new ActiveModel.Filing(Json.text(f, "jurisdiction"), Json.text(f, "number")));
  }

  public BuildRecord withFiling(ActiveModel.Filing f) {
    return new BuildRecord(digest, length, targetPath, antiRollback, provenanceClass, attemptId, tufRole, rootVersion, f);
  }

  public ActiveModel toActiveModel() {
    return new ActiveModel(digest, length, targetPath, provenanceClass, filing);
  }
}
