package dev.modelport.signing.key;

import dev.modelport.signing.internal.Hex;
import dev.modelport.signing.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032): an immutable, validated 32-byte point encoding.
 *
 * <p>Guarantee: every instance holds a canonical encoding of a point in the prime-order subgroup.
 * The factories refuse small-order and non-canonical encodings (BouncyCastle's full validation), so
 * two different instances can never verify the same forged signature as "equal" keys.
 *
 * <p>Encodings: raw 32 bytes, lower-case hex of those bytes (TUF {@code keyval.public}),
 * SubjectPublicKeyInfo DER (RFC 8410) and its PEM armour.
 */
public final class Ed25519PublicKey {
  public static final int SIZE = 32;

  /** RFC 8410 SubjectPublicKeyInfo header for id-Ed25519 (1.3.101.112), followed by the 32 key bytes. */
  private static final byte[] SPKI_PREFIX = Hex.decode("302a300506032b6570032100");
  private static final String PEM_LABEL = "PUBLIC KEY";

  private final byte[] raw;
  private final Ed25519.PublicPoint point;
  private final String keyId;

  private Ed25519PublicKey(byte[] raw, Ed25519.PublicPoint point) {
    this.raw = raw;
    this.point = point;
    this.keyId = Sha256.hex(tufKeyJson(Hex.encode(raw)).getBytes(StandardCharsets.UTF_8));
  }

  /** Validating factory from the raw 32-byte encoding. */
  public static Ed25519PublicKey fromRaw(byte[] raw) {
    if (raw == null || raw.length != SIZE) {
      throw new MalformedKeyException("Ed25519 public key must be 32 bytes, got "
          + (raw == null ? "null" : raw.length));
    }
    byte[] copy = raw.clone();
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(copy, 0);
    if (point == null) {
      throw new MalformedKeyException("not a valid Ed25519 public key (non-canonical or small-order point)");
    }
    return new Ed25519PublicKey(copy, point);
  }

  /** From 64 hex digits, the TUF {@code keyval.public} form. */
  public static Ed25519PublicKey fromHex(String hex) {
    try {
      return fromRaw(Hex.decode(hex));
    } catch (MalformedKeyException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new MalformedKeyException("bad hex in Ed25519 public key: " + e.getMessage());
    }
  }

  /** From a DER SubjectPublicKeyInfo (RFC 8410 §4). Only the exact id-Ed25519 form is accepted. */
  public static Ed25519PublicKey fromSubjectPublicKeyInfo(byte[] der) {
    if (der == null || der.length != SPKI_PREFIX.length + SIZE
        || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new MalformedKeyException("not an Ed25519 SubjectPublicKeyInfo");
    }
    return fromRaw(Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length));
  }

  /** From a PEM {@code -----BEGIN PUBLIC KEY-----} block holding an Ed25519 SubjectPublicKeyInfo. */
  public static Ed25519PublicKey fromPem(String pem) {
    return fromSubjectPublicKeyInfo(Pem.decode(pem, PEM_LABEL));
  }

  /** Returns a copy of the 32 raw bytes. */
  public byte[] raw() {
    return raw.clone();
  }

  /** Lower-case hex of the raw bytes (TUF {@code keyval.public}). */
  public String hex() {
    return Hex.encode(raw);
  }

  public byte[] subjectPublicKeyInfo() {
    byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + SIZE);
    System.arraycopy(raw, 0, out, SPKI_PREFIX.length, SIZE);
    return out;
  }

  public String pem() {
    return Pem.encode(subjectPublicKeyInfo(), PEM_LABEL);
  }

  /**
   * The TUF key id: lower-case hex SHA-256 of the canonical JSON (RFC 8785, identical to TUF's
   * OLPC form for this ASCII object) of the TUF key object {@code
   * {"keytype":"ed25519","keyval":{"public":"<hex>"},"scheme":"ed25519"}}, as the TUF specification
   * §4.2 (KEYID) defines it. DSSE signatures and TUF metadata both use this id.
   */
  public String keyId() {
    return keyId;
  }

  /** A verifier for this key. */
  public Verifier verifier() {
    return new Ed25519Verifier(this);
  }

  Ed25519.PublicPoint point() {
    return point;
  }

  /** The canonical TUF key object for a hex public key; keys are already in sorted order. */
  static String tufKeyJson(String hex) {
    return "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"" + hex + "\"},\"scheme\":\"ed25519\"}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey && Arrays.equals(raw, ((Ed25519PublicKey) o).raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + hex() + "]";
  }
}
