package dev.modelport.registry.device;

import java.time.Instant;

/** A device as operators see it. */
public record DeviceView(String deviceId, String owner, DeviceStatus status, DeviceProfile profile,
                         Instant enrolledAt, Instant revokedAt) {
}
