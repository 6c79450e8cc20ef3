package dev.modelport.registry.release;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
class ReleaseRepository implements PanacheRepositoryBase<ReleaseEntity, UUID> {

    List<ReleaseEntity> ofChannel(UUID channelId) {
        return list("channelId = ?1 order by seq", channelId);
    }

    int nextSeq(UUID channelId) {
        Integer max = getEntityManager().createQuery("select max(r.seq) from ReleaseEntity r where r.channelId = :c",
                Integer.class).setParameter("c", channelId).getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
