package dev.modelport.signing.tuf;

/** A file's length differs from the length trusted metadata lists for it. */
public final class BadLengthException extends TufException {
  private static final long serialVersionUID = 1L;
  private final long expectedLength;
  private final long actualLength;

  public BadLengthException(String name, long expectedLength, long actualLength) {
    super(name, "length " + actualLength + " (or more), expected " + expectedLength);
    this.expectedLength = expectedLength;
    this.actualLength = actualLength;
  }

  public long expectedLength() {
    return expectedLength;
  }

  public long actualLength() {
    return actualLength;
  }
}
