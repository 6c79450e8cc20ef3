package dev.modelport.ota;

/**
 * What one check-in did.
 *
 * @param action           what the server asked for
 * @param nextPollSeconds  when the server wants the next check-in
 * @param detail           human-readable detail (the failure reason for FAILED)
 */
public record CheckInOutcome(DeviceApi.Action action, long nextPollSeconds, Result result, String buildDigest,
    String detail) {
  public enum Result {
    /** Nothing to do (NO_UPDATE, or the offered build is already active). */
    UP_TO_DATE,
    /** A new build was installed and is serving. */
    INSTALLED,
    /** The download policy holds the download back; tried again next time. */
    DEFERRED,
    /** The install failed; the previous build keeps serving. */
    FAILED,
    /** The server asked to remove the model; none is serving now. */
    REMOVED
  }
}
