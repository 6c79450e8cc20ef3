package dev.modelport.registry.trust.tuf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One TUF repository: an OEM channel, named {@code <oem>/<channel>}. */
@Entity
@Table(name = "tuf_repository")
class TufRepositoryEntity {

    @Id
    UUID id;

    @Column(nullable = false, length = 140)
    String name;

    @Column(name = "oem_id", nullable = false)
    UUID oemId;

    @Column(nullable = false, length = 64)
    String channel;

    /** The OEM key the latest published targets.json delegates to; null when it delegates to no key. */
    @Column(name = "delegation_key_id", length = 64)
    String delegationKeyId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Version
    long version;
}
