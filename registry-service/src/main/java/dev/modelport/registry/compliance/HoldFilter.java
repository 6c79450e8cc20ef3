package dev.modelport.registry.compliance;

import java.util.UUID;

/** Narrows a list of holds; null fields do not narrow. */
record HoldFilter(String jurisdiction, UUID versionId, boolean activeOnly) {
}
