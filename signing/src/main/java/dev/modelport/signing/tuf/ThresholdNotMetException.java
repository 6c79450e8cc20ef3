package dev.modelport.signing.tuf;

/** Fewer distinct trusted keys than the threshold signed the metadata: arbitrary software, a revoked key, or a broken root chain. */
public final class ThresholdNotMetException extends TufException {
  private static final long serialVersionUID = 1L;
  private final int threshold;
  private final int validSignatures;

  public ThresholdNotMetException(String role, int threshold, int validSignatures) {
    super(role, "signed by " + validSignatures + " trusted key(s), threshold " + threshold);
    this.threshold = threshold;
    this.validSignatures = validSignatures;
  }

  public int threshold() {
    return threshold;
  }

  public int validSignatures() {
    return validSignatures;
  }
}
