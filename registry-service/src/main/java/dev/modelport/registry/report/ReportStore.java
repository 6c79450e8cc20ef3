package dev.modelport.registry.report;

import dev.modelport.registry.checkin.CheckinSnapshot;
import dev.modelport.registry.device.DeviceProfile;
import dev.modelport.registry.device.DeviceService;
import dev.modelport.registry.distribution.DistributionEpoch;
import dev.modelport.registry.metering.ActivationMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes a batch of device reports in one transaction: each event once per (device, eventId); for new events the
 * device's latest state (what fleet views and stage rules count) and, for a first HEALTHY of a licensed build, an
 * activation. Duplicates change nothing.
 */
@ApplicationScoped
class ReportStore {

    /** Reports of one request. */
    record Batch(String deviceId, UUID ownerId, List<ReportEvent> events) {
    }

    /** What a committed batch touched: rollouts whose rules to evaluate. */
    record Written(Set<UUID> rollouts) {
    }

    @Inject
    EntityManager em;

    @Inject
    CheckinSnapshot snapshot;

    @Inject
    ActivationMeter activations;

    @Inject
    DistributionEpoch epoch;

    @Inject
    DeviceService devices;

    @Transactional
    Written write(List<Batch> batches) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Set<UUID> rollouts = new HashSet<>();
        Set<UUID> entitlements = new HashSet<>();
        for (Batch b : batches) {
            Supplier<DeviceProfile> profile = enrolledProfile(b.deviceId());
            for (ReportEvent e : b.events()) {
                var attribution = snapshot.attribute(b.ownerId(), b.deviceId(), e.buildDigest(), profile);
                UUID rolloutId = attribution.map(CheckinSnapshot.Attribution::rolloutId).orElse(null);
                Instant at = time(e.at(), now);
                if (!insert(b, e, rolloutId, at, now)) {
                    continue;
                }
                upsertState(b, e, attribution.orElse(null), at);
                if (rolloutId != null) {
                    rollouts.add(rolloutId);
                }
                if ("HEALTHY".equals(e.type()) && attribution.isPresent()
                        && attribution.get().entitlementId() != null) {
                    UUID entitlement = attribution.get().entitlementId();
                    activations.firstHealthy(entitlement, b.deviceId(), e.buildDigest(),
                            attribution.get().versionId(), at);
                    entitlements.add(entitlement);
                }
            }
        }
        if (entitlements.stream().anyMatch(id -> !snapshot.capped(id) && activations.capReached(id))) {
            epoch.bump("licence device cap reached");
        }
        return new Written(rollouts);
    }

    /** The device's enrolled profile, read at most once per batch and only if attribution needs it. */
    private Supplier<DeviceProfile> enrolledProfile(String deviceId) {
        DeviceProfile[] read = new DeviceProfile[1];
        return () -> {
            if (read[0] == null) {
                read[0] = devices.describe(deviceId).profile();
            }
            return read[0];
        };
    }

    private boolean insert(Batch b, ReportEvent e, UUID rolloutId, Instant at, Instant now) {
        return em.createNativeQuery("INSERT INTO device_report (device_id, event_id, owner_id, type, build_digest, "
                        + "reason, reason_code, rollout_id, occurred_at, received_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING")
                .setParameter(1, b.deviceId()).setParameter(2, e.eventId()).setParameter(3, b.ownerId())
                .setParameter(4, e.type()).setParameter(5, e.buildDigest()).setParameter(6, e.reason())
                .setParameter(7, e.reasonCode()).setParameter(8, rolloutId).setParameter(9, at)
                .setParameter(10, now).executeUpdate() == 1;
    }

    /** The latest event wins; an older event arriving late leaves the state alone. */
    private void upsertState(Batch b, ReportEvent e, CheckinSnapshot.Attribution a, Instant at) {
        em.createNativeQuery("INSERT INTO device_state (device_id, owner_id, build_digest, version_id, status, "
                        + "reason_code, rollout_id, stage, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        + "ON CONFLICT (device_id) DO UPDATE SET build_digest = EXCLUDED.build_digest, "
                        + "version_id = EXCLUDED.version_id, status = EXCLUDED.status, "
                        + "reason_code = EXCLUDED.reason_code, rollout_id = EXCLUDED.rollout_id, "
                        + "stage = EXCLUDED.stage, updated_at = EXCLUDED.updated_at "
                        + "WHERE device_state.updated_at <= EXCLUDED.updated_at")
                .setParameter(1, b.deviceId()).setParameter(2, b.ownerId()).setParameter(3, e.buildDigest())
                .setParameter(4, a == null ? null : a.versionId()).setParameter(5, e.type())
                .setParameter(6, e.reasonCode()).setParameter(7, a == null ? null : a.rolloutId())
                .setParameter(8, a == null ? null : a.stage()).setParameter(9, at).executeUpdate();
    }

    /** The device's time if it is sane (not in the future, ISO-8601), else the time we received it. */
    private static Instant time(String at, Instant now) {
        if (at == null) {
            return now;
        }
        try {
            Instant t = Instant.parse(at).truncatedTo(ChronoUnit.MICROS);
            return t.isAfter(now) ? now : t;
        } catch (DateTimeParseException e) {
            return now;
        }
    }
}
