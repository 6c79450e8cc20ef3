package dev.modelport.registry.filing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class FilingRepository implements PanacheRepositoryBase<FilingEntity, UUID> {

    boolean numberTaken(String jurisdiction, String number) {
        return count("jurisdiction = ?1 and filingNumber = ?2", jurisdiction, number) > 0;
    }

    /** Filings after {@code after}: all, or those filed by {@code orgs} or in {@code jurisdictions}. */
    List<FilingEntity> page(UUID after, boolean all, Collection<UUID> orgs, Collection<String> jurisdictions,
                            int rows) {
        StringBuilder jpql = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", after);
        if (!all) {
            if (orgs.isEmpty() && jurisdictions.isEmpty()) {
                return List.of();
            }
            jpql.append(" and (");
            if (!orgs.isEmpty()) {
                jpql.append("organisationId in :orgs");
                params.and("orgs", orgs);
            }
            if (!jurisdictions.isEmpty()) {
                jpql.append(orgs.isEmpty() ? "" : " or ").append("jurisdiction in :jurisdictions");
                params.and("jurisdictions", jurisdictions);
            }
            jpql.append(")");
        }
        return find(jpql + " order by id", params).page(0, rows).list();
    }

    /** Filings in {@code jurisdictions} with {@code status}, optionally of one filer, oldest first, after the cursor. */
    List<FilingEntity> queue(Collection<String> jurisdictions, FilingStatus status, UUID filer, QueueCursor after,
                             int rows) {
        StringBuilder jpql = new StringBuilder("jurisdiction in :jurisdictions and status = :status and (createdAt > "
                + ":at or (createdAt = :at and id > :id))");
        Parameters params = Parameters.with("jurisdictions", jurisdictions).and("status", status)
                .and("at", after.createdAt()).and("id", after.id());
        if (filer != null) {
            jpql.append(" and organisationId = :filer");
            params.and("filer", filer);
        }
        return find(jpql + " order by createdAt, id", params).page(0, rows).list();
    }

    /** Filings covering {@code versionId}, in every jurisdiction, oldest first. */
    List<FilingEntity> covering(UUID versionId) {
        return list("select f from FilingEntity f join f.versionIds v where v = ?1 order by f.createdAt, f.id",
                versionId);
    }

    List<FilingEntity> inJurisdiction(String jurisdiction) {
        return list("jurisdiction = ?1 order by createdAt, id", jurisdiction);
    }
}
