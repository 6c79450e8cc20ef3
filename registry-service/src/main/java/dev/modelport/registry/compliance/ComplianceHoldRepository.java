package dev.modelport.registry.compliance;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class ComplianceHoldRepository implements PanacheRepositoryBase<ComplianceHoldEntity, UUID> {

    List<ComplianceHoldEntity> active() {
        return list("liftedAt is null");
    }

    boolean activeExists(UUID versionId, String jurisdiction) {
        return count("versionId = ?1 and jurisdiction = ?2 and liftedAt is null", versionId, jurisdiction) > 0;
    }

    List<ComplianceHoldEntity> ofVersion(UUID versionId) {
        return list("versionId = ?1 order by placedAt, id", versionId);
    }

    List<ComplianceHoldEntity> inJurisdiction(String jurisdiction) {
        return list("jurisdiction = ?1 order by placedAt, id", jurisdiction);
    }

    /**
     * Holds after {@code after} (by id) that the caller may see: every hold ({@code all}), or holds in
     * {@code jurisdictions} or on versions of organisation {@code owner}; optionally only active ones, of one
     * jurisdiction or one version.
     */
    @SuppressWarnings("unchecked")
    List<ComplianceHoldEntity> page(UUID after, boolean all, Collection<String> jurisdictions, UUID owner,
                                    HoldFilter filter, int rows) {
        StringBuilder sql = new StringBuilder("SELECT h.* FROM compliance_hold h WHERE h.id > :after");
        if (!all) {
            sql.append(" AND (h.jurisdiction IN (:jurisdictions) OR h.version_id IN (SELECT v.id FROM model_version v"
                    + " JOIN model m ON m.id = v.model_id WHERE m.owner_id = :owner))");
        }
        if (filter.jurisdiction() != null) {
            sql.append(" AND h.jurisdiction = :jurisdiction");
        }
        if (filter.versionId() != null) {
            sql.append(" AND h.version_id = :version");
        }
        if (filter.activeOnly()) {
            sql.append(" AND h.lifted_at IS NULL");
        }
        var query = getEntityManager().createNativeQuery(sql + " ORDER BY h.id LIMIT :rows",
                ComplianceHoldEntity.class).setParameter("after", after).setParameter("rows", rows);
        if (!all) {
            // an empty IN list is not valid SQL; a code no jurisdiction has stands in for "none"
            query.setParameter("jurisdictions", jurisdictions.isEmpty() ? List.of("--") : jurisdictions)
                    .setParameter("owner", owner == null ? new UUID(0, 0) : owner);
        }
        if (filter.jurisdiction() != null) {
            query.setParameter("jurisdiction", filter.jurisdiction());
        }
        if (filter.versionId() != null) {
            query.setParameter("version", filter.versionId());
        }
        return query.getResultList();
    }
}
