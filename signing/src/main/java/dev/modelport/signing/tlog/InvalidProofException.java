package dev.modelport.signing.tlog;

/**
 * An inclusion or consistency proof did not verify: what was shown is not (consistently) in the
 * log. Unchecked, like every verification failure in this library.
 */
public final class InvalidProofException extends SecurityException {
  private static final long serialVersionUID = 1L;

  public InvalidProofException(String message) {
    super(message);
  }
}
