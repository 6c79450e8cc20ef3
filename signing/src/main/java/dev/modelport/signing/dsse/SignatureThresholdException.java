package dev.modelport.signing.dsse;

import dev.modelport.signing.key.SignatureVerificationException;
import java.util.Set;

/** Fewer distinct trusted keys signed the envelope than the threshold requires. */
public final class SignatureThresholdException extends SignatureVerificationException {
  private static final long serialVersionUID = 1L;
  private final int threshold;
  private final Set<String> validKeyIds;

  public SignatureThresholdException(int threshold, Set<String> validKeyIds) {
    super("DSSE envelope has valid signatures from " + validKeyIds.size() + " trusted key(s), threshold is "
        + threshold);
    this.threshold = threshold;
    this.validKeyIds = Set.copyOf(validKeyIds);
  }

  public int threshold() {
    return threshold;
  }

  /** The trusted keys whose signatures did verify. */
  public Set<String> validKeyIds() {
    return validKeyIds;
  }
}
