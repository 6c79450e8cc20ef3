package dev.modelport.ota;

/**
 * No model could take the request: none is installed, or the wait queue during a swap is full, or
 * the wait exceeded its limit. An HTTP front end answers 503 with {@code Retry-After}.
 */
public final class ModelUnavailableException extends InferenceException {
  private static final long serialVersionUID = 1L;
  private final int retryAfterSeconds;

  public ModelUnavailableException(String message, int retryAfterSeconds) {
    super(message, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
