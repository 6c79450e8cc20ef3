package dev.modelport.registry.checkin;

import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.catalog.VersionStatus;
import dev.modelport.registry.compliance.ComplianceHolds;
import dev.modelport.registry.distribution.DistributionConfig;
import dev.modelport.registry.distribution.DistributionEpoch;
import dev.modelport.registry.filing.FilingGate;
import dev.modelport.registry.licensing.EntitlementMeter;
import dev.modelport.registry.release.ReleaseBuild;
import dev.modelport.registry.release.ReleaseService;
import dev.modelport.registry.release.ReleaseView;
import dev.modelport.registry.rollout.RolloutService;
import dev.modelport.registry.rollout.RolloutState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads the distribution state (rollouts, releases, holds, filings, caps) into a {@link Snapshot}. */
@ApplicationScoped
class SnapshotBuilder {

    /** Older rollouts of a channel than this many are no longer served from (their devices keep their builds). */
    static final int CHAIN_LENGTH = 8;

    @Inject
    RolloutService rollouts;

    @Inject
    ReleaseService releases;

    @Inject
    ComplianceHolds holds;

    @Inject
    FilingGate filings;

    @Inject
    VersionService versions;

    @Inject
    EntitlementMeter meter;

    @Inject
    DistributionEpoch epoch;

    @Inject
    DistributionConfig config;

    @Transactional
    Snapshot build() {
        long at = epoch.current();
        Map<UUID, List<RolloutState>> byChannel = new LinkedHashMap<>();
        for (RolloutState r : rollouts.states()) {
            List<RolloutState> chain = byChannel.computeIfAbsent(r.channelId(), c -> new ArrayList<>());
            if (chain.size() < CHAIN_LENGTH) {
                chain.add(r);
            }
        }
        Set<UUID> releaseIds = byChannel.values().stream().flatMap(List::stream).map(RolloutState::releaseId)
                .collect(Collectors.toSet());
        Map<UUID, Map<String, Snapshot.Target>> targets = new HashMap<>();
        Map<String, Snapshot.Target> byDigest = new HashMap<>();
        Set<UUID> versionIds = new HashSet<>();
        for (ReleaseView release : releases.find(releaseIds)) {
            Map<String, String> stillApproved = new HashMap<>();
            release.filings().forEach((jurisdiction, number) -> filings.approvedFiling(release.versionId(),
                    jurisdiction).ifPresent(n -> stillApproved.put(jurisdiction, n)));
            Map<String, Snapshot.Target> ofRelease = new HashMap<>();
            for (ReleaseBuild b : release.builds()) {
                Snapshot.Target t = new Snapshot.Target(release.ownerId(), release.id(), release.versionId(),
                        release.entitlementId(), b.deviceClass(), b.targetPath(), b.digest(), b.length(),
                        release.tufRepository(), Map.copyOf(stillApproved));
                ofRelease.put(b.deviceClass(), t);
                byDigest.putIfAbsent(b.digest(), t);
            }
            targets.put(release.id(), ofRelease);
            versionIds.add(release.versionId());
        }
        Map<UUID, List<List<Snapshot.Route>>> chains = new HashMap<>();
        Map<UUID, RolloutState> rolloutOfRelease = new HashMap<>();
        for (List<RolloutState> chain : byChannel.values()) {
            List<Snapshot.Route> routes = chain.stream()
                    .map(r -> new Snapshot.Route(r, targets.getOrDefault(r.releaseId(), Map.of()))).toList();
            chains.computeIfAbsent(chain.get(0).ownerId(), o -> new ArrayList<>()).add(routes);
            chain.forEach(r -> rolloutOfRelease.putIfAbsent(r.releaseId(), r));
        }
        Set<UUID> blocked = versionIds.stream().filter(v -> {
            VersionStatus s = versions.ref(v).status();
            return s == VersionStatus.SUSPENDED || s == VersionStatus.REVOKED;
        }).collect(Collectors.toSet());
        Set<UUID> entitlements = targets.values().stream().flatMap(m -> m.values().stream())
                .map(Snapshot.Target::entitlementId).filter(Objects::nonNull).collect(Collectors.toSet());
        return new Snapshot(at, chains, byDigest, rolloutOfRelease, holds.active(), blocked,
                meter.capReached(entitlements), Set.copyOf(config.filingRequired()), Instant.now());
    }
}
