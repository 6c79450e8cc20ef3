package dev.modelport.ota;

/**
 * When the client may download a build. A download that the policy holds back is deferred (not
 * failed) and tried again at the next check-in.
 *
 * @param wifiOnly               only on Wi-Fi or Ethernet
 * @param requireCharging        only while charging
 * @param minFreeStorageBytes    free space that must remain after the download
 * @param maxMeteredBytes        largest download allowed on a metered network (-1: no limit)
 */
public record DownloadPolicy(boolean wifiOnly, boolean requireCharging, long minFreeStorageBytes,
    long maxMeteredBytes) {

  /** No restriction except keeping 64 MiB free. */
  public static DownloadPolicy permissive() {
    return new DownloadPolicy(false, false, 64L << 20, -1);
  }

  /**
   * Why a download of {@code bytes} must wait under {@code conditions} with {@code freeBytes} free,
   * or null if it may start.
   */
  public String deferReason(DeviceConditions conditions, long bytes, long freeBytes) {
    if (conditions.network() == DeviceConditions.Network.NONE) {
      return "no network";
    }
    boolean wifi = conditions.network() == DeviceConditions.Network.WIFI
        || conditions.network() == DeviceConditions.Network.ETHERNET;
    if (wifiOnly && !wifi) {
      return "policy allows downloads on Wi-Fi only (network is " + conditions.network() + ")";
    }
    if (requireCharging && !conditions.charging()) {
      return "policy allows downloads only while charging";
    }
    if (conditions.metered() && maxMeteredBytes >= 0 && bytes > maxMeteredBytes) {
      return "download of " + bytes + " bytes exceeds the metered-network limit of " + maxMeteredBytes;
    }
    if (freeBytes >= 0 && freeBytes - bytes < minFreeStorageBytes) {
      return "needs " + bytes + " bytes plus " + minFreeStorageBytes + " kept free, only " + freeBytes + " free";
    }
    return null;
  }
}
