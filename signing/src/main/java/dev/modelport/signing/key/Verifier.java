package dev.modelport.signing.key;

/**
 * Checks a signature over bytes.
 *
 * <p>Guarantee: a normal return means {@code signature} is a valid signature over exactly {@code
 * data} by the verifier's key. There is no boolean to forget to check; every failure throws.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Verifier {
  /**
   * Returns normally only if the signature is valid.
   *
   * @throws SignatureVerificationException (unchecked) if it is not, or is malformed
   */
  void verify(byte[] signature, byte[] data);
}
