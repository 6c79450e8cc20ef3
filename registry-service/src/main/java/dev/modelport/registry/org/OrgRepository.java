package dev.modelport.registry.org;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
class OrgRepository implements PanacheRepositoryBase<OrgEntity, UUID> {

    Optional<OrgEntity> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    List<OrgEntity> pageAfter(String afterSlug, int rows) {
        return find("slug > :after order by slug", Parameters.with("after", afterSlug)).page(0, rows).list();
    }

    List<UUID> idsInJurisdictions(Set<String> codes) {
        return getEntityManager()
                .createQuery("select distinct o.id from OrgEntity o join o.jurisdictions j where j in :codes",
                        UUID.class)
                .setParameter("codes", codes).getResultList();
    }
}
