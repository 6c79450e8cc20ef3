package dev.modelport.ota;

/** A completion that could not be served. */
public class InferenceException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean modelDied;
  private final boolean textSent;

  public InferenceException(String message, boolean modelDied, boolean textSent) {
    super(message);
    this.modelDied = modelDied;
    this.textSent = textSent;
  }

  public InferenceException(String message, boolean modelDied, boolean textSent, Throwable cause) {
    super(message, cause);
    this.modelDied = modelDied;
    this.textSent = textSent;
  }

  /** The model process or instance is gone. */
  public boolean modelDied() {
    return modelDied;
  }

  /** Some text already reached the listener, so the request cannot be retried transparently. */
  public boolean textSent() {
    return textSent;
  }
}
