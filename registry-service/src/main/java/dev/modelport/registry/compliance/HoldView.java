package dev.modelport.registry.compliance;

import java.time.Instant;
import java.util.UUID;

/**
 * A compliance hold as the API shows it. {@code placeLogIndex} and {@code liftLogIndex} are the signed
 * regulator-action statements in the transparency log; the lift fields are null while the hold is active.
 */
public record HoldView(UUID id, String version, String jurisdiction, String reason, String placedBy,
                       Instant placedAt, Long placeLogIndex, boolean active, String liftedBy, Instant liftedAt,
                       String liftReason, Long liftLogIndex) {
}
