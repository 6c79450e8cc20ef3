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
   * Why a download must wait, or null if it may start.
   *
   * @param networkBytes bytes to fetch (for a delta, far fewer than the build)
   * @param diskBytes    bytes the build still needs on disk
   * @param freeBytes    bytes free now (negative: unknown)
   */
  public String deferReason(DeviceConditions conditions, long networkBytes, long diskBytes, long freeBytes) {
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
    if (conditions.metered() && maxMeteredBytes >= 0 && networkBytes > maxMeteredBytes) {
      return "download of " + networkBytes + " bytes exceeds the metered-network limit of " + maxMeteredBytes;
    }
    if (freeBytes >= 0 && freeBytes - diskBytes < minFreeStorageBytes) {
      return "needs " + diskBytes + " bytes of storage plus " + minFreeStorageBytes + " kept free, only " + freeBytes
          + " free";
    }
    return null;
  }
}
