package dev.modelport.registry.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "enrollment_token")
class EnrollmentTokenEntity {

    @Id
    UUID id;

    @Column(name = "owner_id", nullable = false)
    UUID ownerId;

    @Column(name = "secret_sha256", nullable = false, length = 64)
    String secretSha256;

    @Column(nullable = false, length = 200)
    String label;

    @Column(name = "max_devices", nullable = false)
    int maxDevices;

    @Column(name = "used_devices", nullable = false)
    int usedDevices;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(nullable = false)
    boolean revoked;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Version
    long version;

    boolean usableAt(Instant now) {
        return !revoked && now.isBefore(expiresAt) && usedDevices < maxDevices;
    }
}
