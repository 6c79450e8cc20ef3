package dev.modelport.signing.json;

/** A JSON document parsed, but a field is missing or has the wrong type or form. */
public class MalformedJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedJsonException(String message) {
    super(message);
  }

  public MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
