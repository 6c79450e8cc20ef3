package dev.modelport.registry.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class AuditRepository implements PanacheRepositoryBase<AuditEventEntity, Long> {

    /** Events after {@code afterSeq} in chain order, for verification in bounded batches. */
    List<AuditEventEntity> batchAfter(long afterSeq, int rows) {
        return find("seq > ?1 order by seq", afterSeq).page(0, rows).list();
    }

    /**
     * Events after {@code afterSeq} of one object (or of all objects), restricted to {@code orgs} unless
     * {@code allOrgs}.
     */
    List<AuditEventEntity> page(long afterSeq, String objectType, String objectId, boolean allOrgs,
                                Collection<UUID> orgs, int rows) {
        StringBuilder jpql = new StringBuilder("seq > :after");
        Parameters params = Parameters.with("after", afterSeq);
        if (objectType != null) {
            jpql.append(" and objectType = :type and objectId = :id");
            params.and("type", objectType).and("id", objectId);
        }
        if (!allOrgs) {
            jpql.append(" and (orgId in :orgs or actorOrgId in :orgs)");
            params.and("orgs", orgs);
        }
        return find(jpql + " order by seq", params).page(0, rows).list();
    }
}
