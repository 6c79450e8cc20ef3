package dev.modelport.registry.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record JobView(UUID id, String kind, String owner, JobState state, BigDecimal progressPercent, long bytesDone,
                      Long bytesTotal, Long bytesPerSecond, int attempts, String errorCode, String errorDetail,
                      String result, Instant createdAt, Instant startedAt, Instant finishedAt) {
}
