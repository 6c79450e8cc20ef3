package dev.modelport.signing.json;

/**
 * The input is outside the RFC 8785 data model (I-JSON, RFC 7493): malformed JSON, a duplicate
 * member name, a lone surrogate, or a number that is not a finite IEEE 754 double.
 */
public final class CanonicalJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CanonicalJsonException(String message) {
    super(message);
  }

  public CanonicalJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
