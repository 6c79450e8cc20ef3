package dev.modelport.ota;

import java.util.Objects;

/**
 * What the device tells the server at enrollment and check-in. Free storage is measured by the
 * client at each check-in, so it is not part of the profile.
 */
public record DeviceProfile(String deviceClass, String deviceModel, String region, String osVersion,
    String runtimeVersion) {
  public DeviceProfile {
    Objects.requireNonNull(deviceClass, "deviceClass");
  }
}
