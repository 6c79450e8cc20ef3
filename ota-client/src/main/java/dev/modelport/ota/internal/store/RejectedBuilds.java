package dev.modelport.ota.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.FileSystem;
import dev.modelport.ota.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds this device refused after installing them (failed health check, crash loop). The client
 * does not install them again when the server keeps offering them; it reports FAILED with the
 * stored reason instead. Download and verification failures are not recorded: they may be
 * transient or caused by a bad mirror, so they are retried.
 */
public final class RejectedBuilds {
  private final FileSystem fs;
  private final Path file;

  public RejectedBuilds(StateDir dir) {
    this.fs = dir.fs();
    this.file = dir.rejected();
  }

  public synchronized Map<String, String> all() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (fs.exists(file)) {
      JsonNode o = Json.parse(fs.readAll(file));
      o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** The reason {@code digest} was rejected, or null. */
  public synchronized String reason(String digest) throws IOException {
    return all().get(digest);
  }

  public synchronized void add(String digest, String reason) throws IOException {
    Map<String, String> m = all();
    m.put(digest, reason);
    ObjectNode o = Json.object();
    m.forEach(o::put);
    AtomicFiles.write(fs, file, Json.bytes(o));
  }
}
