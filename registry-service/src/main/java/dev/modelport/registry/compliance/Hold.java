package dev.modelport.registry.compliance;

import java.util.UUID;

/** An active compliance hold: {@code versionId} may not be distributed in {@code jurisdiction}. */
public record Hold(UUID versionId, String jurisdiction) {
}
