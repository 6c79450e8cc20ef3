package dev.modelport.signing.dsse;

import dev.modelport.signing.key.SignatureVerificationException;

/** The envelope's payloadType is not the one the caller expects, so its payload must not be parsed. */
public final class PayloadTypeMismatchException extends SignatureVerificationException {
  private static final long serialVersionUID = 1L;
  private final String expected;
  private final String found;

  public PayloadTypeMismatchException(String expected, String found) {
    super("expected payloadType " + expected + " but envelope has " + found);
    this.expected = expected;
    this.found = found;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
