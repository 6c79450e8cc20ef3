package dev.modelport.registry.report;

import dev.modelport.registry.distribution.Jurisdictions;
import dev.modelport.registry.regulator.DeviceCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Devices running a version, from each device's latest report (device_state) and its enrolled region. A device runs
 * the build its latest INSTALLED or HEALTHY report names, or the build a server-ordered ROLLED_BACK report names
 * (that one carries no reason; a crash rollback carries one and names the build it left). The build belongs to the
 * version by attribution at report time or by being one of the version's READY builds.
 */
@ApplicationScoped
class DeviceCountsFromState implements DeviceCounts {

    @Inject
    EntityManager em;

    @Override
    @Transactional
    public OptionalLong devices(UUID versionId, String jurisdiction) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT d.region, count(*) FROM device_state s "
                        + "JOIN device d ON d.id = s.device_id WHERE d.status = 'ACTIVE' "
                        + "AND (s.status IN ('INSTALLED', 'HEALTHY') "
                        + "OR (s.status = 'ROLLED_BACK' AND s.reason_code IS NULL)) "
                        + "AND (s.version_id = ?1 OR s.build_digest IN "
                        + "(SELECT b.output_digest FROM build b WHERE b.version_id = ?1 AND b.status = 'READY')) "
                        + "GROUP BY d.region")
                .setParameter(1, versionId).getResultList();
        long n = rows.stream().filter(r -> Jurisdictions.of((String) r[0]).contains(jurisdiction))
                .mapToLong(r -> ((Number) r[1]).longValue()).sum();
        return OptionalLong.of(n);
    }
}
