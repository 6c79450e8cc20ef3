package dev.modelport.signing.key;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * Immutable wrapper for secret bytes (a private key seed).
 *
 * <p>Guarantee: {@link #toString()} never reveals the content, so a secret cannot leak through
 * logging or exception messages by accident; the bytes come out only through {@link
 * #toByteArray(InsecureSecretAccess)}, which is easy to find with grep. {@link #equals} compares in
 * constant time.
 */
public final class SecretBytes {
  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; the caller should zero its own array afterwards. */
  public static SecretBytes copyOf(byte[] bytes, InsecureSecretAccess access) {
    Objects.requireNonNull(access, "access");
    return new SecretBytes(bytes.clone());
  }

  /** Returns a fresh copy of the secret. */
  public byte[] toByteArray(InsecureSecretAccess access) {
    Objects.requireNonNull(access, "access");
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretBytes && MessageDigest.isEqual(bytes, ((SecretBytes) o).bytes);
  }

  @Override
  public int hashCode() {
    // Length only: a content hash would leak bits of the secret through hash tables.
    return bytes.length;
  }

  @Override
  public String toString() {
    return "SecretBytes[REDACTED, " + bytes.length + " bytes]";
  }
}
