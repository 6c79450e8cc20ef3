package dev.modelport.signing.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.internal.Hex;
import dev.modelport.signing.internal.Json;
import dev.modelport.signing.internal.Sha256;
import dev.modelport.signing.json.MalformedJsonException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TARGETS entry (TUF §4.5): the length, hashes and optional custom data of one target file.
 * {@link #verifyingStream} checks a download against it while the bytes stream through.
 */
public record TargetFile(long length, Map<String, String> hashes, ObjectNode custom) {

  public TargetFile {
    if (length < 0) {
      throw new MalformedJsonException("target length must not be negative");
    }
    hashes = Map.copyOf(hashes);
    if (!hashes.containsKey("sha256") && !hashes.containsKey("sha512")) {
      throw new MalformedJsonException("target needs a sha256 or sha512 hash");
    }
    custom = custom == null ? null : custom.deepCopy();
  }

  /** Describes exactly {@code content}, with a sha256. */
  public static TargetFile of(byte[] content, ObjectNode custom) {
    return new TargetFile(content.length, Map.of("sha256", Sha256.hex(content)), custom);
  }

  public static TargetFile of(long length, String sha256Hex, ObjectNode custom) {
    return new TargetFile(length, Map.of("sha256", sha256Hex), custom);
  }

  @Override
  public ObjectNode custom() {
    return custom == null ? null : custom.deepCopy();
  }

  /** The consistent-snapshot file name, {@code dir/<sha256>.name} (TUF §5.7.3). */
  public static String consistentPath(String targetPath, String sha256Hex) {
    int slash = targetPath.lastIndexOf('/');
    return targetPath.substring(0, slash + 1) + sha256Hex + "." + targetPath.substring(slash + 1);
  }

  /**
   * Wraps {@code in} so that reading it to the end proves the bytes are this target: it throws
   * {@link BadLengthException} as soon as more than {@link #length()} bytes arrive, and at end of
   * stream throws {@link BadLengthException} if fewer arrived or {@link BadHashException} if any
   * listed hash differs. Callers must not use the bytes before end of stream is reached.
   */
  public InputStream verifyingStream(String targetPath, InputStream in) {
    return new VerifyingStream(targetPath, in);
  }

  /** Verifies complete content (TUF §5.7.3). */
  public void verify(String targetPath, byte[] content) {
    try (InputStream s = verifyingStream(targetPath, new java.io.ByteArrayInputStream(content))) {
      s.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object().put("length", length);
    o.set("hashes", Json.stringMapNode(new TreeMap<>(hashes)));
    if (custom != null) {
      o.set("custom", custom.deepCopy());
    }
    return o;
  }

  static TargetFile fromJson(JsonNode o) {
    JsonNode custom = o.get("custom");
    if (custom != null && !custom.isObject()) {
      throw new MalformedJsonException("custom must be an object");
    }
    return new TargetFile(Json.integer(o, "length"), TufJson.hashes(o), (ObjectNode) custom);
  }

  private final class VerifyingStream extends FilterInputStream {
    private final String path;
    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();
    private long count;
    private boolean checked;

    VerifyingStream(String path, InputStream in) {
      super(in);
      this.path = path;
      hashes.keySet().forEach(alg -> {
        String jca = alg.equals("sha256") ? "SHA-256" : alg.equals("sha512") ? "SHA-512" : null;
        if (jca != null) {
          try {
            digests.put(alg, MessageDigest.getInstance(jca));
          } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        }
      });
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      // Never ask for more than one byte past the declared length: endless data stops here.
      long allowed = length - count + 1;
      int n = super.read(b, off, (int) Math.min(len, Math.max(allowed, 1)));
      if (n < 0) {
        finish();
        return -1;
      }
      count += n;
      if (count > length) {
        throw new BadLengthException(path, length, count);
      }
      digests.values().forEach(d -> d.update(b, off, n));
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skipping would bypass verification");
    }

    private void finish() {
      if (checked) {
        return;
      }
      checked = true;
      if (count != length) {
        throw new BadLengthException(path, length, count);
      }
      digests.forEach((alg, d) -> {
        String actual = Hex.encode(d.digest());
        if (!actual.equals(hashes.get(alg))) {
          throw new BadHashException(path, alg, hashes.get(alg), actual);
        }
      });
    }
  }
}
