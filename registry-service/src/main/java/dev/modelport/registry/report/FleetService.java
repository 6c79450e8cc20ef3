package dev.modelport.registry.report;

import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Fleet views from the devices' latest reports: devices per build, version and status; failure reasons ranked. */
@ApplicationScoped
public class FleetService {

    /** {@code byDeviceClass} and {@code byRegion} come from the profiles the reporting devices enrolled with. */
    public record FleetSummary(String owner, long devices, List<BuildCount> byBuild, Map<String, Long> byVersion,
                               Map<String, Long> byStatus, Map<String, Long> byDeviceClass,
                               Map<String, Long> byRegion) {
    }

    public record BuildCount(String buildDigest, String version, String status, long devices) {
    }

    public record FailureReason(String reasonCode, long events, long devices) {
    }

    @Inject
    EntityManager em;

    @Inject
    AccessPolicy access;

    @Inject
    VersionService versions;

    @Transactional
    public FleetSummary summary(Caller caller, OrgView owner) {
        access.requireRead(caller, owner);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT build_digest, version_id, status, count(*) FROM device_state "
                + "WHERE owner_id = ?1 GROUP BY build_digest, version_id, status ORDER BY count(*) DESC, 1, 3")
                .setParameter(1, owner.id()).getResultList();
        Map<UUID, String> names = new HashMap<>();
        Map<String, Long> byVersion = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        long total = 0;
        List<BuildCount> byBuild = new java.util.ArrayList<>();
        for (Object[] r : rows) {
            UUID versionId = (UUID) r[1];
            String version = versionId == null ? null
                    : names.computeIfAbsent(versionId, v -> versions.ref(v).fullName());
            long n = ((Number) r[3]).longValue();
            byBuild.add(new BuildCount((String) r[0], version, (String) r[2], n));
            byVersion.merge(version == null ? "unknown" : version, n, Long::sum);
            byStatus.merge((String) r[2], n, Long::sum);
            total += n;
        }
        return new FleetSummary(owner.slug(), total, byBuild, byVersion, byStatus, byProfile(owner, "device_class"),
                byProfile(owner, "region"));
    }

    /** Reporting devices per value of one enrolled-profile column ({@code column} is one of two constants). */
    private Map<String, Long> byProfile(OrgView owner, String column) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT coalesce(d." + column + ", 'unknown'), count(*) "
                + "FROM device_state s JOIN device d ON d.id = s.device_id WHERE s.owner_id = ?1 GROUP BY 1")
                .setParameter(1, owner.id()).getResultList();
        Map<String, Long> out = new TreeMap<>();
        rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
        return out;
    }

    /** FAILED reports by reason code, most frequent first; of one rollout if {@code rolloutId} is given. */
    @Transactional
    public List<FailureReason> failures(Caller caller, OrgView owner, UUID rolloutId, int limit) {
        access.requireRead(caller, owner);
        var query = em.createNativeQuery("SELECT coalesce(reason_code, 'UNSPECIFIED'), count(*), "
                        + "count(DISTINCT device_id) FROM device_report WHERE owner_id = ?1 AND type = 'FAILED' "
                        + (rolloutId == null ? "" : "AND rollout_id = ?3 ")
                        + "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?2")
                .setParameter(1, owner.id()).setParameter(2, limit);
        if (rolloutId != null) {
            query.setParameter(3, rolloutId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new FailureReason((String) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue())).toList();
    }
}
