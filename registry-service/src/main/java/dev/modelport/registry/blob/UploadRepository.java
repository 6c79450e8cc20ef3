package dev.modelport.registry.blob;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class UploadRepository implements PanacheRepositoryBase<UploadSessionEntity, UUID> {

    /** The open session of an organisation for the same file, so that a client that lost its id resumes it. */
    Optional<UploadSessionEntity> findOpen(UUID org, String digest, long size) {
        return find("organisationId = ?1 and digest = ?2 and size = ?3 and status = ?4 order by createdAt desc",
                org, digest, size, UploadStatus.OPEN).firstResultOptional();
    }
}
