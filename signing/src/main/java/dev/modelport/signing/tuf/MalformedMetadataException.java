package dev.modelport.signing.tuf;

/** Metadata is not valid TUF JSON, has the wrong _type, or an unsupported spec_version. */
public final class MalformedMetadataException extends TufException {
  private static final long serialVersionUID = 1L;

  public MalformedMetadataException(String role, String message, Throwable cause) {
    super(role, message, cause);
  }
}
