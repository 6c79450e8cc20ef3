package dev.modelport.signing.dsse;

import java.util.Arrays;
import java.util.Objects;

/** One DSSE signature: an optional key id hint (our TUF key id) and the raw signature bytes. */
public final class EnvelopeSignature {
  private final String keyId;
  private final byte[] sig;

  public EnvelopeSignature(String keyId, byte[] sig) {
    this.keyId = keyId == null ? "" : keyId;
    this.sig = Objects.requireNonNull(sig, "sig").clone();
  }

  /** The key id hint; empty when absent. Only a hint: verification never trusts it alone. */
  public String keyId() {
    return keyId;
  }

  public byte[] sig() {
    return sig.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvelopeSignature
        && keyId.equals(((EnvelopeSignature) o).keyId)
        && Arrays.equals(sig, ((EnvelopeSignature) o).sig);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(sig);
  }

  @Override
  public String toString() {
    return "EnvelopeSignature[" + keyId + "]";
  }
}
