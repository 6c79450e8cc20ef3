package dev.modelport.ota;

import java.util.Objects;

/**
 * How the device proves who it is. The device's Ed25519 key is generated on first start and kept
 * in the state directory ({@code device-key.pem}); the enrollment token, issued by the OEM, is
 * used once to register that key and obtain a device id, which is kept there too.
 *
 * @param enrollmentToken needed only until the device is enrolled; may be null afterwards
 */
public record DeviceIdentity(String enrollmentToken) {
  public static DeviceIdentity enrollingWith(String enrollmentToken) {
    return new DeviceIdentity(Objects.requireNonNull(enrollmentToken, "enrollmentToken"));
  }

  /** For a device that is already enrolled (its state directory holds the device id). */
  public static DeviceIdentity alreadyEnrolled() {
    return new DeviceIdentity(null);
  }
}
