package dev.modelport.ota.internal.verify;

import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.digest.TensorDigest;
import dev.modelport.gguf.format.ByteRange;
import java.util.List;
import java.util.Set;

/**
 * A target that TUF metadata vouches for: its signed length and sha256 and Modelport's custom
 * fields.
 *
 * @param role          the TUF role that listed it
 * @param rootVersion   the trusted root version
 * @param deviceClasses {@code custom.deviceClasses}
 * @param antiRollback  {@code custom.antiRollback} (0 if absent)
 * @param tensors       {@code custom.tensors}: per-tensor digests for deltas (empty if absent)
 */
public record VerifiedTarget(String path, String role, int rootVersion, long length, String sha256Hex,
    Set<String> deviceClasses, long antiRollback, String provenanceClass, List<Tensor> tensors) {

  /** One tensor of the target GGUF: absolute byte range and sha256 of its data. */
  public record Tensor(String name, long offset, long length, String sha256) {}

  public String digest() {
    return "sha256:" + sha256Hex;
  }

  /** The target's manifest for {@code GgufManifest.deltaFrom}, or null if the target lists no tensors. */
  public GgufManifest manifest() {
    if (tensors.isEmpty()) {
      return null;
    }
    List<TensorDigest> ts = tensors.stream()
        .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
        .map(t -> new TensorDigest(t.name(), null, null, new ByteRange(t.offset(), t.length()), t.sha256()))
        .toList();
    long headerEnd = ts.get(0).range().offset();
    return new GgufManifest(length, sha256Hex, new ByteRange(0, headerEnd), null, ts);
  }
}
