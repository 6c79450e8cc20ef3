package dev.modelport.registry.trust;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class TrustKeyRepository implements PanacheRepositoryBase<TrustKeyEntity, String> {

    List<TrustKeyEntity> active(KeyRole role) {
        return list("role = ?1 and status = ?2 order by createdAt, keyId", role, KeyStatus.ACTIVE);
    }

    Optional<TrustKeyEntity> activeOem(UUID ownerId) {
        return find("role = ?1 and ownerId = ?2 and status = ?3", KeyRole.OEM, ownerId, KeyStatus.ACTIVE)
                .firstResultOptional();
    }

    List<TrustKeyEntity> pageAfter(String afterKeyId, Optional<KeyRole> role, Optional<UUID> owner, int rows) {
        StringBuilder q = new StringBuilder("keyId > :after");
        Parameters p = Parameters.with("after", afterKeyId);
        role.ifPresent(r -> {
            q.append(" and role = :role");
            p.and("role", r);
        });
        owner.ifPresent(o -> {
            q.append(" and ownerId = :owner");
            p.and("owner", o);
        });
        return find(q + " order by keyId", p).page(0, rows).list();
    }
}
