package dev.modelport.signing.tlog;

import dev.modelport.signing.key.SignatureVerificationException;

/** A signed note is malformed, carries no signature by a trusted key, or a trusted key's signature is bad. */
public final class NoteVerificationException extends SignatureVerificationException {
  private static final long serialVersionUID = 1L;

  public NoteVerificationException(String message) {
    super(message);
  }
}
