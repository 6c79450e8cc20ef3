package dev.modelport.registry.fingerprint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "weight_fingerprint")
class FingerprintEntity {

    @Id
    @Column(length = 71)
    String digest;

    @Column(nullable = false, length = 64)
    String architecture;

    @Column(nullable = false)
    int layers;

    /** gguf's {@code WeightFingerprint.encode()} text. */
    @Column(nullable = false, columnDefinition = "text")
    String signature;

    @Column(name = "computed_at", nullable = false)
    Instant computedAt;
}
