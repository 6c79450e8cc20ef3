package dev.modelport.signing.key;

/**
 * A signature did not verify.
 *
 * <p>Unchecked on purpose: {@link Verifier#verify} returns nothing, so the only way to "ignore" a
 * failure is to catch this explicitly; an uncaught one fails closed, also through lambdas and
 * streams. Subclasses in other packages (DSSE threshold, TUF) narrow the reason.
 */
public class SignatureVerificationException extends SecurityException {
  private static final long serialVersionUID = 1L;

  public SignatureVerificationException(String message) {
    super(message);
  }

  public SignatureVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
