package dev.modelport.registry.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Devices of a rollout per stage and latest reported status, from device_state (written by device reports). */
@ApplicationScoped
class StageCounts {

    record Counts(long devices, long healthy, long failed, long installing) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(String status, long n) {
            return new Counts(devices + n, healthy + ("HEALTHY".equals(status) ? n : 0),
                    failed + ("FAILED".equals(status) ? n : 0),
                    installing + (List.of("DOWNLOADING", "VERIFIED", "INSTALLED").contains(status) ? n : 0));
        }

        Counts plus(Counts o) {
            return new Counts(devices + o.devices, healthy + o.healthy, failed + o.failed, installing + o.installing);
        }
    }

    @Inject
    EntityManager em;

    Counts[] of(UUID rolloutId, int stages) {
        return of(rolloutId, stages, null);
    }

    /** Per stage; with {@code since}, only devices whose latest report happened at or after it. */
    Counts[] of(UUID rolloutId, int stages, Instant since) {
        Counts[] out = new Counts[stages];
        java.util.Arrays.fill(out, Counts.NONE);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT stage, status, count(*) FROM device_state "
                + "WHERE rollout_id = ?1 AND stage IS NOT NULL AND updated_at >= ?2 GROUP BY stage, status")
                .setParameter(1, rolloutId).setParameter(2, since == null ? Instant.EPOCH : since)
                .getResultList();
        for (Object[] row : rows) {
            int stage = ((Number) row[0]).intValue();
            if (stage >= 0 && stage < stages) {
                out[stage] = out[stage].plus((String) row[1], ((Number) row[2]).longValue());
            }
        }
        return out;
    }

    /**
     * Stages 0..{@code upTo} together: the population a stage's rule judges; with {@code since} (the rollout was
     * resumed after a halt), only outcomes reported since then.
     */
    Counts upTo(UUID rolloutId, int stages, int upTo, Instant since) {
        Counts total = Counts.NONE;
        Counts[] each = of(rolloutId, stages, since);
        for (int i = 0; i <= upTo && i < stages; i++) {
            total = total.plus(each[i]);
        }
        return total;
    }
}
