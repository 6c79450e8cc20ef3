package dev.modelport.registry.filing;

import java.util.UUID;

/** One version covered by one filing in a jurisdiction, for views that list versions rather than filings. */
public record FiledVersion(UUID versionId, String jurisdiction, String filingNumber, FilingStatus status,
                           UUID filingId) {
}
