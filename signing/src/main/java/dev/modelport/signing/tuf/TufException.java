package dev.modelport.signing.tuf;

/**
 * Base of every TUF failure. Each subclass names one failure of the client workflow (TUF spec §5)
 * and carries typed fields, so callers and tests can tell a rollback from a freeze without parsing
 * messages. Unchecked: an update that throws has changed no trusted state.
 */
public abstract class TufException extends SecurityException {
  private static final long serialVersionUID = 1L;
  private final String role;

  protected TufException(String role, String message) {
    super(role + ": " + message);
    this.role = role;
  }

  protected TufException(String role, String message, Throwable cause) {
    super(role + ": " + message, cause);
    this.role = role;
  }

  /** The role (or target path) the failure concerns, e.g. {@code timestamp} or {@code oem-x}. */
  public String role() {
    return role;
  }
}
