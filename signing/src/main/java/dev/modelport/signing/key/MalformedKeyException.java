package dev.modelport.signing.key;

/** Thrown by the key factories when key material is malformed or not a valid Ed25519 key. */
public final class MalformedKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedKeyException(String message) {
    super(message);
  }
}
