package dev.modelport.registry.release;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A release as operators and other features see it. */
public record ReleaseView(UUID id, UUID channelId, String channel, UUID ownerId, String owner, int seq,
                          String version, UUID versionId, ReleaseStatus status, UUID entitlementId,
                          List<String> regions, List<ReleaseBuild> builds, Map<String, String> filings,
                          int antiRollback, String tufRepository, Long logIndex, String createdBy,
                          Instant createdAt) {

    public ReleaseView {
        regions = List.copyOf(regions);
        builds = List.copyOf(builds);
        filings = Map.copyOf(filings);
    }
}
