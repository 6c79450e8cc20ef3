package dev.modelport.ota.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/** {@code sha256:<hex>} digests. */
public final class Digests {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Digests() {}

  public static boolean isDigest(String s) {
    return s != null && DIGEST.matcher(s).matches();
  }

  /** The hex part of a {@code sha256:<hex>} digest. */
  public static String hex(String digest) {
    if (!isDigest(digest)) {
      throw new IllegalArgumentException("not a sha256:<hex> digest: " + digest);
    }
    return digest.substring(7);
  }

  public static String ofHex(String hex) {
    return "sha256:" + hex;
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
