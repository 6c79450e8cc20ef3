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
}
