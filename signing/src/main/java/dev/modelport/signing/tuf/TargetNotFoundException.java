package dev.modelport.signing.tuf;

/** No trusted targets role (top-level or delegated) describes the requested target (TUF §5.7.2). */
public final class TargetNotFoundException extends TufException {
  private static final long serialVersionUID = 1L;

  public TargetNotFoundException(String targetPath) {
    super(targetPath, "no trusted targets metadata describes this target");
  }
}
