package dev.modelport.ota;

/**
 * Progress of one phase of an install.
 *
 * @param done  bytes (or steps) done so far in this phase
 * @param total bytes (or steps) of the whole phase, or -1 if unknown
 * @param network bytes received from the network in this phase so far (for a delta, much less than {@code done})
 */
public record Progress(Phase phase, String buildDigest, long done, long total, long network) {
  public enum Phase {
    /** Downloading or assembling the build into the staging file. */
    DOWNLOAD,
    /** Re-hashing bytes already on disk after a restart. */
    RESUME_HASH,
    /** Starting the build in the runtime and running the smoke inference. */
    HEALTH_CHECK,
    /** Switching over: draining the old model. */
    SWAP
  }

  public double fraction() {
    return total > 0 ? Math.min(1.0, (double) done / total) : 0;
  }
}
