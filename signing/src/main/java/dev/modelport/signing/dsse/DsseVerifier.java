package dev.modelport.signing.dsse;

import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.SignatureVerificationException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies DSSE envelopes against a fixed set of trusted Ed25519 keys and a threshold.
 *
 * <p>Guarantee: {@link #verify} returns the payload only if the envelope's payloadType equals the
 * expected one and at least {@code threshold} <em>distinct</em> trusted keys produced a valid
 * signature over the PAE. A key signing twice counts once; key ids are hints for lookup only.
 * Instances are immutable and thread-safe.
 */
public final class DsseVerifier {
  private final Map<String, Ed25519PublicKey> trusted;
  private final int threshold;
  private final String payloadType;

  private DsseVerifier(Map<String, Ed25519PublicKey> trusted, int threshold, String payloadType) {
    this.trusted = trusted;
    this.threshold = threshold;
    this.payloadType = payloadType;
  }

  /** One trusted key, threshold 1. */
  public static DsseVerifier of(String payloadType, Ed25519PublicKey key) {
    return new DsseVerifier(Map.of(key.keyId(), key), 1, payloadType);
  }

  /** {@code threshold} of {@code keys} must sign. */
  public static DsseVerifier of(String payloadType, Collection<Ed25519PublicKey> keys, int threshold) {
    Objects.requireNonNull(payloadType, "payloadType");
    Map<String, Ed25519PublicKey> map = new LinkedHashMap<>();
    keys.forEach(k -> map.put(k.keyId(), k));
    if (threshold < 1 || threshold > map.size()) {
      throw new IllegalArgumentException("threshold " + threshold + " must be between 1 and the "
          + map.size() + " distinct trusted keys");
    }
    return new DsseVerifier(Map.copyOf(map), threshold, payloadType);
  }

  /**
   * Returns the authenticated payload.
   *
   * @throws PayloadTypeMismatchException if the payloadType is not the expected one
   * @throws SignatureThresholdException if fewer than threshold distinct trusted keys signed
   */
  public byte[] verify(Envelope envelope) {
    if (!payloadType.equals(envelope.payloadType())) {
      throw new PayloadTypeMismatchException(payloadType, envelope.payloadType());
    }
    byte[] payload = envelope.payload();
    byte[] pae = Pae.encode(envelope.payloadType(), payload);
    Set<String> valid = new HashSet<>();
    for (EnvelopeSignature s : envelope.signatures()) {
      // A key id is an untrusted hint: with one, try that key; without, try every key not yet counted.
      Ed25519PublicKey hinted = trusted.get(s.keyId());
      List<Ed25519PublicKey> candidates = hinted != null ? List.of(hinted)
          : s.keyId().isEmpty() ? List.copyOf(trusted.values()) : List.of();
      for (Ed25519PublicKey key : candidates) {
        if (valid.contains(key.keyId())) {
          continue;
        }
        try {
          key.verifier().verify(s.sig(), pae);
          valid.add(key.keyId());
          break;
        } catch (SignatureVerificationException ignored) {
          // Not this key; an invalid signature simply does not count towards the threshold.
        }
      }
    }
    if (valid.size() < threshold) {
      throw new SignatureThresholdException(threshold, valid);
    }
    return payload;
  }
}
