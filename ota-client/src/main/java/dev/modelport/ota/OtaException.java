package dev.modelport.ota;

/** A refused or failed install step, with its stable {@link FailureCode}. */
public class OtaException extends Exception {
  private static final long serialVersionUID = 1L;
  private final FailureCode code;

  public OtaException(FailureCode code, String message) {
    super(message);
    this.code = code;
  }

  public OtaException(FailureCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public FailureCode code() {
    return code;
  }

  /** The report reason: {@code CODE: message}. */
  public String reason() {
    return code.name() + ": " + getMessage();
  }
}
