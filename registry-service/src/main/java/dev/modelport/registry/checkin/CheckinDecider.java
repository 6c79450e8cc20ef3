package dev.modelport.registry.checkin;

import dev.modelport.registry.device.DeviceProfile;
import dev.modelport.registry.distribution.Jurisdictions;
import dev.modelport.registry.rollout.Bucketing;
import dev.modelport.registry.rollout.RolloutState;
import dev.modelport.registry.rollout.RolloutStatus;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Decides a check-in from a snapshot, the token's device and owner, and what the device says: pure, no I/O.
 *
 * <ol>
 *   <li>The installed build may no longer run in the device's region (hold, suspension, filing gone): ROLLBACK to a
 *       compliant build the device's channel serves, or REMOVE if there is none.</li>
 *   <li>Walk the owner's channels; in each, the rollouts newest first. A rolled-back rollout sends devices on its
 *       builds back (ROLLBACK to the previous rollout's build). The first rollout whose cohort includes the device
 *       and whose current stage covers its bucket claims it: a running or completed rollout offers its build
 *       (UPDATE), unless the device has it, the build may not run in the region, or the licence cap is reached and
 *       the device does not already run a build under that licence; a paused or halted one offers nothing.</li>
 *   <li>Otherwise NO_UPDATE.</li>
 * </ol>
 */
final class CheckinDecider {

    enum Action { NO_UPDATE, UPDATE, ROLLBACK, REMOVE }

    /** The decision; {@code target} is set for UPDATE and ROLLBACK; {@code inRollout} asks for quicker polls. */
    record Decision(Action action, Snapshot.Target target, String fromDigest, boolean inRollout) {
        static Decision none(boolean inRollout) {
            return new Decision(Action.NO_UPDATE, null, null, inRollout);
        }
    }

    private CheckinDecider() {
    }

    static Decision decide(Snapshot s, String deviceId, UUID ownerId, DeviceProfile p, String installed) {
        if (p == null || p.deviceClass() == null) {
            return Decision.none(false);
        }
        Set<String> jurisdictions = Jurisdictions.of(p.region());
        Snapshot.Target current = installed == null ? null : s.byDigest().get(installed);
        if (current != null && !current.ownerId().equals(ownerId)) {
            current = null;
        }
        List<List<Snapshot.Route>> chains = s.chains().getOrDefault(ownerId, List.of());
        if (current != null && s.blocked(current, jurisdictions)) {
            Snapshot.Target fallback = compliantFallback(s, chains, current, p, jurisdictions);
            return fallback == null ? new Decision(Action.REMOVE, null, null, false)
                    : new Decision(Action.ROLLBACK, fallback, installed, false);
        }
        for (List<Snapshot.Route> chain : chains) {
            for (int i = 0; i < chain.size(); i++) {
                Snapshot.Route route = chain.get(i);
                RolloutState r = route.rollout();
                if (r.status() == RolloutStatus.ROLLED_BACK) {
                    if (current != null && current.releaseId().equals(r.releaseId())) {
                        Snapshot.Target back = previousTarget(chain, r, p.deviceClass());
                        return back == null || s.blocked(back, jurisdictions) ? Decision.none(false)
                                : new Decision(Action.ROLLBACK, back, installed, false);
                    }
                    continue;
                }
                if (!r.cohort().includes(p.deviceClass(), p.deviceModel(), p.region(), p.osVersion())
                        || Bucketing.bucket(r.id(), deviceId) >= r.threshold()) {
                    continue;
                }
                boolean running = r.status() == RolloutStatus.RUNNING;
                Snapshot.Target t = route.targets().get(p.deviceClass());
                if (!r.status().offers() || t == null || t.digest().equals(installed)
                        || s.blocked(t, jurisdictions) || capStops(s, t, current)) {
                    return Decision.none(running);
                }
                return new Decision(Action.UPDATE, t, installed, running);
            }
        }
        return Decision.none(false);
    }

    /** A device not yet counted against a capped licence gets nothing new under it; counted ones may update. */
    private static boolean capStops(Snapshot s, Snapshot.Target t, Snapshot.Target current) {
        return t.entitlementId() != null && s.cappedEntitlements().contains(t.entitlementId())
                && (current == null || !t.entitlementId().equals(current.entitlementId()));
    }

    private static Snapshot.Target previousTarget(List<Snapshot.Route> chain, RolloutState rolledBack,
                                                  String deviceClass) {
        return chain.stream().filter(x -> x.rollout().id().equals(rolledBack.previousRolloutId())).findFirst()
                .map(x -> x.targets().get(deviceClass)).orElse(null);
    }

    /** The newest build the device's channel serves for its class that may run in its region. */
    private static Snapshot.Target compliantFallback(Snapshot s, List<List<Snapshot.Route>> chains,
                                                     Snapshot.Target current, DeviceProfile p,
                                                     Set<String> jurisdictions) {
        for (List<Snapshot.Route> chain : chains) {
            boolean devicesChannel = chain.stream().anyMatch(x -> x.rollout().releaseId().equals(current.releaseId()));
            if (!devicesChannel) {
                continue;
            }
            for (Snapshot.Route route : chain) {
                Snapshot.Target t = route.targets().get(p.deviceClass());
                if (route.rollout().status() != RolloutStatus.ROLLED_BACK && t != null
                        && !t.versionId().equals(current.versionId()) && !s.blocked(t, jurisdictions)) {
                    return t;
                }
            }
        }
        return null;
    }
}
