package dev.modelport.registry.trust;

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
@Table(name = "trust_key")
class TrustKeyEntity {

    @Id
    @Column(name = "key_id", length = 64)
    String keyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    KeyRole role;

    @Column(name = "owner_id")
    UUID ownerId;

    @Column(name = "public_key", nullable = false, length = 64)
    String publicKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    KeyCustody custody;

    @Column(name = "sealed_seed")
    byte[] sealedSeed;

    @Column(length = 80)
    String protector;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    KeyStatus status;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "retired_at")
    Instant retiredAt;

    @Column(name = "replaced_by", length = 64)
    String replacedBy;

    @Column(name = "revoked_at")
    Instant revokedAt;

    @Column(name = "revocation_reason", length = 500)
    String revocationReason;

    @Version
    long version;
}
