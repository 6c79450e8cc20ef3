package dev.modelport.signing.tuf;

/** A file of unknown length exceeded the client's download limit: an endless-data attack. */
public final class EndlessDataException extends TufException {
  private static final long serialVersionUID = 1L;
  private final long maxLength;

  public EndlessDataException(String name, long maxLength) {
    super(name, "exceeds the download limit of " + maxLength + " bytes");
    this.maxLength = maxLength;
  }

  public long maxLength() {
    return maxLength;
  }
}
