package dev.modelport.ota;

import java.time.Instant;
import java.util.Objects;

/**
 * A status event of one install attempt, as reported to the server. Events are idempotent: the
 * same step of the same attempt always carries the same {@link #eventId}, even when it is
 * re-emitted after a crash, so the server counts it once.
 *
 * @param buildDigest {@code sha256:<hex>} of the build concerned
 * @param reason      for {@link Type#FAILED} and {@link Type#ROLLED_BACK}: a stable {@link
 *                    FailureCode} name, a colon and a human-readable detail; otherwise null
 */
public record OtaEvent(String eventId, Type type, String buildDigest, String reason, Instant at) {
  /** The report types of the device protocol, in the order an install goes through them. */
  public enum Type {
    DOWNLOADING,
    VERIFIED,
    INSTALLED,
    HEALTHY,
    FAILED,
    ROLLED_BACK
  }

  public OtaEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
  }

  /** The {@link FailureCode} at the start of {@link #reason}, or null. */
  public FailureCode failureCode() {
    if (reason == null) {
      return null;
    }
    int colon = reason.indexOf(':');
    try {
      return FailureCode.valueOf(colon < 0 ? reason : reason.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
