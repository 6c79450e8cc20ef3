package dev.modelport.signing.key;

/**
 * Produces a signature over bytes. One method, so an HSM or KMS can stand in for a local key.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Signer {
  /** Returns the signature over exactly {@code data}. */
  byte[] sign(byte[] data);
}
