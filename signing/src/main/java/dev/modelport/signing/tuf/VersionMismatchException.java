package dev.modelport.signing.tuf;

/** Metadata has another version than the one its referrer (timestamp, snapshot, or N of N.root.json) names: mix-and-match. */
public final class VersionMismatchException extends TufException {
  private static final long serialVersionUID = 1L;
  private final long expectedVersion;
  private final long foundVersion;

  public VersionMismatchException(String role, long expectedVersion, long foundVersion) {
    super(role, "expected version " + expectedVersion + " but found " + foundVersion);
    this.expectedVersion = expectedVersion;
    this.foundVersion = foundVersion;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long foundVersion() {
    return foundVersion;
  }
}
