package dev.modelport.signing.tuf;

import java.time.Instant;

/** Metadata expired before the fixed update start time: an indefinite-freeze attack or a stale mirror. */
public final class ExpiredMetadataException extends TufException {
  private static final long serialVersionUID = 1L;
  private final Instant expires;
  private final Instant now;

  public ExpiredMetadataException(String role, Instant expires, Instant now) {
    super(role, "expired at " + expires + " (update started " + now + ")");
    this.expires = expires;
    this.now = now;
  }

  public Instant expires() {
    return expires;
  }

  public Instant now() {
    return now;
  }
}
