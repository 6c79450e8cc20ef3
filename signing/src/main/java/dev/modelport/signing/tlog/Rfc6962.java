package dev.modelport.signing.tlog;

import dev.modelport.signing.internal.Sha256;
import java.security.MessageDigest;

/**
 * RFC 6962 §2.1 / RFC 9162 §2.1.1 Merkle tree hashing with SHA-256. The 0x00 / 0x01 prefixes
 * domain-separate leaves from interior nodes, so no leaf can be passed off as a subtree.
 */
public final class Rfc6962 {
  public static final int HASH_SIZE = Sha256.SIZE;
  private static final byte[] EMPTY_ROOT = Sha256.hash(new byte[0]);

  private Rfc6962() {}

  /** MTH({d}) = SHA-256(0x00 || d). */
  public static byte[] leafHash(byte[] leaf) {
    MessageDigest md = Sha256.newDigest();
    md.update((byte) 0x00);
    md.update(leaf);
    return md.digest();
  }

  /** SHA-256(0x01 || left || right). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = Sha256.newDigest();
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** MTH({}) = SHA-256(""), the root of the empty tree. */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }
}
