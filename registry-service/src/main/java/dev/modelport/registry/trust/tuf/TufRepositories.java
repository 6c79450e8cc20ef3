package dev.modelport.registry.trust.tuf;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Persistence of the TUF tables. */
@ApplicationScoped
class TufRepositories implements PanacheRepositoryBase<TufRepositoryEntity, UUID> {

    Optional<TufRepositoryEntity> byName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** Locks the repository row: one publisher per repository at a time, across instances. */
    TufRepositoryEntity lock(UUID id) {
        return getEntityManager().find(TufRepositoryEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    List<UUID> ids() {
        return getEntityManager().createQuery("select r.id from TufRepositoryEntity r order by r.name", UUID.class)
                .getResultList();
    }

    List<UUID> idsOfOem(UUID oemId) {
        return getEntityManager().createQuery("select r.id from TufRepositoryEntity r where r.oemId = :oem", UUID.class)
                .setParameter("oem", oemId).getResultList();
    }

    Optional<TufMetadataEntity> latest(UUID repositoryId, String role) {
        return getEntityManager().createQuery("from TufMetadataEntity m where m.repositoryId = :repo and m.role = :role "
                        + "order by m.version desc", TufMetadataEntity.class)
                .setParameter("repo", repositoryId).setParameter("role", role).setMaxResults(1)
                .getResultStream().findFirst();
    }

    Optional<TufMetadataEntity> version(UUID repositoryId, String role, int version) {
        return getEntityManager().createQuery("from TufMetadataEntity m where m.repositoryId = :repo and m.role = :role "
                        + "and m.version = :version", TufMetadataEntity.class)
                .setParameter("repo", repositoryId).setParameter("role", role).setParameter("version", version)
                .getResultStream().findFirst();
    }

    void persistMetadata(TufMetadataEntity m) {
        getEntityManager().persist(m);
    }

    Optional<TufPendingEntity> pending(UUID repositoryId) {
        return Optional.ofNullable(getEntityManager().find(TufPendingEntity.class, repositoryId));
    }

    void savePending(TufPendingEntity p) {
        getEntityManager().merge(p);
    }

    void dropPending(UUID repositoryId) {
        pending(repositoryId).ifPresent(getEntityManager()::remove);
    }

    Optional<TufTargetContentEntity> content(String sha256) {
        return Optional.ofNullable(getEntityManager().find(TufTargetContentEntity.class, sha256));
    }

    void saveContent(TufTargetContentEntity c) {
        if (content(c.sha256).isEmpty()) {
            getEntityManager().persist(c);
        }
    }
}
