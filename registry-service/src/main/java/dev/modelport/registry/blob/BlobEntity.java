package dev.modelport.registry.blob;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "blob")
class BlobEntity {

    @Id
    @Column(length = 71)
    String digest;

    @Column(nullable = false)
    long size;

    @Column(nullable = false, length = 16)
    String format;

    @Column(name = "gguf_version", nullable = false)
    int ggufVersion;

    @Column(nullable = false, length = 64)
    String architecture;

    @Column(name = "tensor_count", nullable = false)
    long tensorCount;

    @Column(nullable = false, columnDefinition = "text")
    String tensors;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
