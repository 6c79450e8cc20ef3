package dev.modelport.registry.checkin;

import dev.modelport.registry.device.DeviceProfile;
import dev.modelport.registry.rollout.Bucketing;
import dev.modelport.registry.rollout.RolloutState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which rollout a device's report about a build counts towards: the rollout that check-ins offer that build to this
 * device, found the way {@link CheckinDecider} finds it, from shared state only (the snapshot every instance builds
 * from PostgreSQL, the device id and its enrolled profile), so every instance attributes a report alike.
 *
 * <p>The same bytes can be served by several rollouts (one release on two channels, or two releases sharing a
 * build). Among the owner's rollouts whose release has the build, in the decider's order (channels, then newest
 * first), the first one wins that:
 * <ol>
 *   <li>claims the device: its cohort includes the device's enrolled profile, the build is the one for the device's
 *       class, and the device's bucket is inside the rollout's current share (shares only grow, so a device once
 *       offered the build stays claimed, also after a halt);</li>
 *   <li>else whose share covers the device's bucket (the device's profile may have changed since enrollment);</li>
 *   <li>else the first rollout with the build at all.</li>
 * </ol>
 * The enrolled profile is read only when more than one rollout has the build.
 */
final class ReportAttribution {

    private record Candidate(RolloutState rollout, Snapshot.Target target) {
    }

    private ReportAttribution() {
    }

    static Optional<CheckinSnapshot.Attribution> attribute(Snapshot s, UUID ownerId, String deviceId, String digest,
                                                           Supplier<DeviceProfile> enrolledProfile) {
        if (digest == null) {
            return Optional.empty();
        }
        List<Candidate> candidates = candidates(s, ownerId, digest);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Candidate chosen = candidates.get(0);
        if (candidates.size() > 1) {
            DeviceProfile p = enrolledProfile.get();
            chosen = first(candidates, c -> p != null && claims(c, deviceId, p))
                    .or(() -> first(candidates, c -> inShare(c.rollout(), deviceId)))
                    .orElse(chosen);
        }
        RolloutState r = chosen.rollout();
        int stage = Bucketing.stageOf(r.stages(), Bucketing.bucket(r.id(), deviceId));
        return Optional.of(new CheckinSnapshot.Attribution(chosen.target().versionId(),
                chosen.target().entitlementId(), r.id(), stage < 0 ? null : stage));
    }

    /** Every (rollout, build) of the owner with this digest, in the order the decider walks rollouts. */
    private static List<Candidate> candidates(Snapshot s, UUID ownerId, String digest) {
        List<Candidate> out = new ArrayList<>();
        for (List<Snapshot.Route> chain : s.chains().getOrDefault(ownerId, List.of())) {
            for (Snapshot.Route route : chain) {
                route.targets().values().stream().filter(t -> t.digest().equals(digest)).findFirst()
                        .ifPresent(t -> out.add(new Candidate(route.rollout(), t)));
            }
        }
        return out;
    }

    private static boolean claims(Candidate c, String deviceId, DeviceProfile p) {
        return c.target().deviceClass().equals(p.deviceClass())
                && c.rollout().cohort().includes(p.deviceClass(), p.deviceModel(), p.region(), p.osVersion())
                && inShare(c.rollout(), deviceId);
    }

    private static boolean inShare(RolloutState r, String deviceId) {
        return Bucketing.bucket(r.id(), deviceId) < r.threshold();
    }

    private static Optional<Candidate> first(List<Candidate> candidates, Predicate<Candidate> test) {
        return candidates.stream().filter(test).findFirst();
    }
}
