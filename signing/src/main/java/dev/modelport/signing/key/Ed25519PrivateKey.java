package dev.modelport.signing.key;

import dev.modelport.signing.internal.Hex;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key: the 32-byte RFC 8032 seed and its derived public key.
 *
 * <p>Guarantee: the seed is held in {@link SecretBytes}; {@link #toString()} shows only the public
 * half, and the seed leaves this object only through methods that take {@link
 * InsecureSecretAccess}. The public key is always derived from the seed, never taken on trust, so
 * the pair cannot be inconsistent.
 */
public final class Ed25519PrivateKey {
  public static final int SEED_SIZE = 32;

  /** RFC 8410 §7 OneAsymmetricKey v1 header for id-Ed25519, followed by the 32-byte seed. */
  private static final byte[] PKCS8_PREFIX = Hex.decode("302e020100300506032b657004220420");
  private static final String PEM_LABEL = "PRIVATE KEY";

  private final SecretBytes seed;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(SecretBytes seed, Ed25519PublicKey publicKey) {
    this.seed = seed;
    this.publicKey = publicKey;
  }

  /** A fresh key from a strong {@link SecureRandom}. */
  public static Ed25519PrivateKey generate() {
    return generate(new SecureRandom());
  }

  public static Ed25519PrivateKey generate(SecureRandom random) {
    byte[] s = new byte[SEED_SIZE];
    Ed25519.generatePrivateKey(random, s);
    try {
      return fromSeed(SecretBytes.copyOf(s, InsecureSecretAccess.get()));
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  /** Validating factory: the seed must be exactly 32 bytes. */
  public static Ed25519PrivateKey fromSeed(SecretBytes seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.size() != SEED_SIZE) {
      throw new MalformedKeyException("Ed25519 seed must be 32 bytes, got " + seed.size());
    }
    byte[] s = seed.toByteArray(InsecureSecretAccess.get());
    try {
      byte[] pub = new byte[Ed25519PublicKey.SIZE];
      Ed25519.generatePublicKey(s, 0, pub, 0);
      return new Ed25519PrivateKey(seed, Ed25519PublicKey.fromRaw(pub));
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  /** Reads an unencrypted PKCS#8 {@code PRIVATE KEY} PEM block as OpenSSL writes it for Ed25519. */
  public static Ed25519PrivateKey fromPkcs8Pem(String pem, InsecureSecretAccess access) {
    byte[] der = Pem.decode(pem, PEM_LABEL);
    try {
      if (der.length != PKCS8_PREFIX.length + SEED_SIZE
          || !Arrays.equals(der, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
        throw new MalformedKeyException("not an Ed25519 PKCS#8 v1 private key");
      }
      return fromSeed(SecretBytes.copyOf(Arrays.copyOfRange(der, PKCS8_PREFIX.length, der.length), access));
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** Writes the key as an unencrypted PKCS#8 PEM block. The result is secret. */
  public String toPkcs8Pem(InsecureSecretAccess access) {
    byte[] s = seed.toByteArray(access);
    byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + SEED_SIZE);
    System.arraycopy(s, 0, der, PKCS8_PREFIX.length, SEED_SIZE);
    try {
      return Pem.encode(der, PEM_LABEL);
    } finally {
      Arrays.fill(s, (byte) 0);
      Arrays.fill(der, (byte) 0);
    }
  }

  public SecretBytes seed() {
    return seed;
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** A signer for this key; see {@link Ed25519Signer}. */
  public Ed25519Signer signer() {
    return Ed25519Signer.of(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PrivateKey && seed.equals(((Ed25519PrivateKey) o).seed);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[REDACTED, public=" + publicKey.hex() + "]";
  }
}
