package dev.modelport.registry.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** An audit event as the API shows it; {@code before} and {@code after} are embedded JSON values. */
public record AuditEventView(long seq, Instant occurredAt, String actor, String action, String objectType,
                             String objectId, @JsonRawValue String before, @JsonRawValue String after, String hash) {
}
