package dev.modelport.registry.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "device")
class DeviceEntity {

    @Id
    @Column(length = 40)
    String id;

    @Column(name = "owner_id", nullable = false)
    UUID ownerId;

    @Column(name = "enrollment_token_id", nullable = false)
    UUID enrollmentTokenId;

    @Column(name = "public_key", nullable = false)
    byte[] publicKey;

    @Column(name = "device_class", length = 64)
    String deviceClass;

    @Column(name = "device_model", length = 128)
    String deviceModel;

    @Column(length = 2)
    String region;

    @Column(name = "os_version", length = 64)
    String osVersion;

    @Column(name = "runtime_version", length = 64)
    String runtimeVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    DeviceStatus status;

    @Column(name = "enrolled_at", nullable = false)
    Instant enrolledAt;

    @Column(name = "revoked_at")
    Instant revokedAt;

    @Version
    long version;

    void applyProfile(DeviceProfile profile) {
        if (profile == null) {
            return;
        }
        deviceClass = profile.deviceClass();
        deviceModel = profile.deviceModel();
        region = profile.region();
        osVersion = profile.osVersion();
        runtimeVersion = profile.runtimeVersion();
    }

    DeviceView view(String ownerSlug) {
        return new DeviceView(id, ownerSlug, status, new DeviceProfile(deviceClass, deviceModel, region, osVersion,
                runtimeVersion, null), enrolledAt, revokedAt);
    }
}
