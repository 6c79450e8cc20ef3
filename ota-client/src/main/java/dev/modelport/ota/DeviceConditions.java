package dev.modelport.ota;

/**
 * The device's current connectivity and power, as the host app (or the CLI) knows them. The
 * client asks a {@link Source} before each download and applies the {@link DownloadPolicy}.
 */
public record DeviceConditions(Network network, boolean metered, boolean charging) {
  public enum Network {
    NONE,
    WIFI,
    ETHERNET,
    CELLULAR,
    OTHER
  }

  /** Unmetered Wi-Fi, charging: nothing holds a download back. */
  public static DeviceConditions ideal() {
    return new DeviceConditions(Network.WIFI, false, true);
  }

  /** Supplies the current conditions; called on the client's thread, so it must be fast. */
  @FunctionalInterface
  public interface Source {
    DeviceConditions current();
  }
}
