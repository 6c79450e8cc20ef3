package dev.modelport.signing.tuf;

/** Required metadata or a target could not be fetched from the repository. */
public final class MetadataUnavailableException extends TufException {
  private static final long serialVersionUID = 1L;

  public MetadataUnavailableException(String name, String message, Throwable cause) {
    super(name, message, cause);
  }
}
