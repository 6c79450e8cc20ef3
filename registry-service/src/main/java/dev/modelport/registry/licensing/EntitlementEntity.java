package dev.modelport.registry.licensing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "entitlement")
class EntitlementEntity {

    /** Stored states; EXPIRED is derived from the clock, see {@link #status(Instant)}. */
    enum Stored {
        ACTIVE, TERMINATED
    }

    @Id
    UUID id;

    @Column(name = "offer_id", nullable = false)
    UUID offerId;

    @Column(name = "order_id", nullable = false)
    UUID orderId;

    @Column(name = "holder_id", nullable = false)
    UUID holderId;

    @Column(name = "grantor_id", nullable = false)
    UUID grantorId;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    Stored stored;

    @Column(name = "valid_from", nullable = false)
    Instant validFrom;

    @Column(name = "valid_until", nullable = false)
    Instant validUntil;

    @Column(name = "device_cap")
    Long deviceCap;

    @Column(nullable = false)
    long activations;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "terminated_at")
    Instant terminatedAt;

    @Version
    long version;

    EntitlementStatus status(Instant now) {
        if (stored == Stored.TERMINATED) {
            return EntitlementStatus.TERMINATED;
        }
        return now.isBefore(validUntil) ? EntitlementStatus.ACTIVE : EntitlementStatus.EXPIRED;
    }
}
