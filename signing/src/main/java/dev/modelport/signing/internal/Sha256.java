package dev.modelport.signing.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers. Internal: not part of the public API. */
public final class Sha256 {
  public static final int SIZE = 32;

  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE and Android runtime must provide SHA-256.
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  public static byte[] hash(byte[] data) {
    return newDigest().digest(data);
  }

  public static String hex(byte[] data) {
    return Hex.encode(hash(data));
  }
}
