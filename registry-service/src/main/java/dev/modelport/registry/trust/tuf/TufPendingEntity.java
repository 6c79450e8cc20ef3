package dev.modelport.registry.trust.tuf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Delegated-role metadata waiting for the signature of an OEM that holds its own key. */
@Entity
@Table(name = "tuf_pending_signature")
class TufPendingEntity {

    @Id
    @Column(name = "repository_id")
    UUID repositoryId;

    @Column(nullable = false, length = 140)
    String role;

    @Column(nullable = false)
    int version;

    @Column(name = "key_id", nullable = false, length = 64)
    String keyId;

    /** The canonical JSON of the "signed" object: exactly the bytes the OEM signs. */
    @Column(name = "signed_part", nullable = false)
    byte[] signedPart;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
