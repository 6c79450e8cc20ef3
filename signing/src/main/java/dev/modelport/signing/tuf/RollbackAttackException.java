package dev.modelport.signing.tuf;

/** A version went backwards: the repository (or a mirror) serves older metadata than the client already trusts. */
public final class RollbackAttackException extends TufException {
  private static final long serialVersionUID = 1L;
  private final long expectedMinVersion;
  private final long foundVersion;

  public RollbackAttackException(String role, long expectedMinVersion, long foundVersion) {
    super(role, "version " + foundVersion + " is older than " + expectedMinVersion);
    this.expectedMinVersion = expectedMinVersion;
    this.foundVersion = foundVersion;
  }

  public long expectedMinVersion() {
    return expectedMinVersion;
  }

  public long foundVersion() {
    return foundVersion;
  }
}
