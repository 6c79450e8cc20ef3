package dev.modelport.signing.dsse;

import dev.modelport.signing.key.SignatureVerificationException;

/** The bytes are not a DSSE envelope; treated as a verification failure since they are untrusted. */
public final class MalformedEnvelopeException extends SignatureVerificationException {
  private static final long serialVersionUID = 1L;

  public MalformedEnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }
}
