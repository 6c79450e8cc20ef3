package dev.modelport.registry.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "job")
class JobEntity {

    @Id
    UUID id;

    @Column(nullable = false, length = 64)
    String kind;

    @Column(name = "owner_id", nullable = false)
    UUID ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    JobState state;

    @Column(nullable = false)
    String params;

    String result;

    @Column(name = "progress_percent", nullable = false, precision = 5, scale = 2)
    BigDecimal progressPercent = BigDecimal.ZERO;

    @Column(name = "bytes_done", nullable = false)
    long bytesDone;

    @Column(name = "bytes_total")
    Long bytesTotal;

    @Column(name = "bytes_per_second")
    Long bytesPerSecond;

    @Column(nullable = false)
    int attempts;

    @Column(name = "error_code", length = 64)
    String errorCode;

    @Column(name = "error_detail", length = 2000)
    String errorDetail;

    @Column(length = 200)
    String instance;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    @Version
    long version;

    JobView view(String ownerSlug) {
        return new JobView(id, kind, ownerSlug, state, progressPercent, bytesDone, bytesTotal, bytesPerSecond,
                attempts, errorCode, errorDetail, result, createdAt, startedAt, finishedAt);
    }
}
