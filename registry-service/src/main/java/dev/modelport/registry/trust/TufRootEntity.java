package dev.modelport.registry.trust;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One signed root.json version, shared by every TUF repository of the platform. */
@Entity
@Table(name = "tuf_root")
class TufRootEntity {

    @Id
    int version;

    @Column(nullable = false)
    byte[] metadata;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
