package dev.modelport.ota;

/**
 * Stable reasons for a failed or refused install; the first word of a FAILED report's reason.
 * Every failure leaves the active model untouched.
 */
public enum FailureCode {
  // --- TUF metadata (signing's TufException subclasses, TUF spec §5) ---
  /** A metadata file's signatures do not reach its role's threshold (arbitrary software, key compromise below threshold, rotated-out key, bad root chain). */
  TUF_THRESHOLD_NOT_MET,
  /** Metadata or a target went back in version (rollback attack). */
  TUF_ROLLBACK,
  /** Metadata is past its expiry (freeze attack). */
  TUF_EXPIRED,
  /** A file's version differs from the version the referring metadata names (mix-and-match). */
  TUF_VERSION_MISMATCH,
  /** A metadata file's hash differs from the hash the referring metadata names. */
  TUF_BAD_HASH,
  /** A metadata file is longer or shorter than stated, or longer than allowed (endless data). */
  TUF_BAD_LENGTH,
  /** A delegated role listed a target outside its delegated paths. */
  TUF_DELEGATION_VIOLATION,
  /** No trusted role lists the target path the server named. */
  TUF_TARGET_NOT_FOUND,
  /** Metadata could not be parsed. */
  TUF_MALFORMED,
  /** Metadata could not be fetched. */
  TUF_UNAVAILABLE,
  /** Any other TUF verification failure. */
  TUF_OTHER,

  // --- the target itself ---
  /** The downloaded bytes do not hash to the signed sha256. */
  TARGET_BAD_HASH,
  /** The server sent more or fewer bytes than the signed length. */
  TARGET_BAD_LENGTH,
  /** The server's check-in names a digest or length other than the signed target's. */
  TARGET_MISMATCH,
  /** The signed target does not list this device's class. */
  DEVICE_CLASS_INCOMPATIBLE,
  /** The signed target's anti-rollback counter is below the device's. */
  ANTI_ROLLBACK,
  /** The signed target has no usable sha256 or custom data. */
  TARGET_UNSUPPORTED,

  // --- download and storage ---
  /** The blob could not be downloaded (after retries within this attempt). */
  DOWNLOAD_FAILED,
  /** The state directory could not be written. */
  STORAGE_ERROR,

  // --- runtime ---
  /** The runtime could not start or load the build (worker crashed or refused the file). */
  LOAD_FAILED,
  /** The smoke inference failed the health rule. */
  HEALTH_CHECK_FAILED,
  /** The new build crashed repeatedly after activation; the device went back to the last healthy build. */
  CRASH_LOOP,
  /** The build was refused earlier on this device and is not retried. */
  PREVIOUSLY_REJECTED
}
