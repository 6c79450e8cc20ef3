package dev.modelport.registry.trust.tuf;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A small target file kept inline, by content digest. */
@Entity
@Table(name = "tuf_target_content")
class TufTargetContentEntity {

    @Id
    @Column(length = 64)
    String sha256;

    @Column(nullable = false)
    long length;

    @Column(nullable = false)
    byte[] content;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
