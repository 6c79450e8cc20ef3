package dev.modelport.registry.checkin;

import dev.modelport.registry.compliance.Hold;
import dev.modelport.registry.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a check-in decision needs, immutable, rebuilt as a whole when distribution state changes. Its size
 * depends on the number of rollouts and builds, never on the number of devices.
 *
 * @param chains per owner, its channels' rollouts newest first (one list per channel, channels by newest rollout)
 * @param byDigest every build of a served release by its digest, to recognise what a device has installed
 * @param rolloutOfRelease the newest rollout of each release (reports are attributed by {@link ReportAttribution})
 * @param blockedVersions versions suspended or revoked everywhere
 * @param cappedEntitlements entitlements whose device cap is reached
 */
record Snapshot(long epoch, Map<UUID, List<List<Route>>> chains, Map<String, Target> byDigest,
                Map<UUID, RolloutState> rolloutOfRelease, Set<Hold> holds, Set<UUID> blockedVersions,
                Set<UUID> cappedEntitlements, Set<String> filingRequired, Instant builtAt) {

    static Snapshot empty(Set<String> filingRequired) {
        return new Snapshot(-1, Map.of(), Map.of(), Map.of(), Set.of(), Set.of(), Set.of(), filingRequired,
                Instant.EPOCH);
    }

    /** A rollout with its release's builds by device class. */
    record Route(RolloutState rollout, Map<String, Target> targets) {
    }

    /**
     * One build of a release as devices get it. {@code filings} are the release's filings still approved now, by
     * jurisdiction.
     */
    record Target(UUID ownerId, UUID releaseId, UUID versionId, UUID entitlementId, String deviceClass,
                  String targetPath, String digest, long length, String tufRepository, Map<String, String> filings) {
    }

    /** Whether {@code t} may not run in a region under {@code jurisdictions}: a hold, a suspension, no filing. */
    boolean blocked(Target t, Set<String> jurisdictions) {
        if (blockedVersions.contains(t.versionId())) {
            return true;
        }
        for (String j : jurisdictions) {
            if (holds.contains(new Hold(t.versionId(), j))
                    || (filingRequired.contains(j) && !t.filings().containsKey(j))) {
                return true;
            }
        }
        return false;
    }
}
