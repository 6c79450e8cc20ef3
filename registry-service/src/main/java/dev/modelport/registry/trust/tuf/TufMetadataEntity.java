package dev.modelport.registry.trust.tuf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One published, signed metadata file of a repository: {@code N.<role>.json} (and timestamp.json). */
@Entity
@Table(name = "tuf_metadata")
class TufMetadataEntity {

    @Id
    UUID id;

    @Column(name = "repository_id", nullable = false)
    UUID repositoryId;

    @Column(nullable = false, length = 140)
    String role;

    @Column(nullable = false)
    int version;

    @Column(nullable = false)
    byte[] metadata;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
