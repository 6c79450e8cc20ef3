package dev.modelport.signing.tuf;

/**
 * A delegated role lists a target outside the paths its delegation chain trusts it with.
 *
 * <p>Stricter than TUF §5.6.7, which only ignores such entries: we refuse the role outright, so a
 * compromised OEM key that tries to publish another OEM's paths is detected, not silently skipped.
 */
public final class DelegationPathViolationException extends TufException {
  private static final long serialVersionUID = 1L;
  private final String targetPath;

  public DelegationPathViolationException(String role, String targetPath) {
    super(role, "is not trusted for target path " + targetPath);
    this.targetPath = targetPath;
  }

  public String targetPath() {
    return targetPath;
  }
}
