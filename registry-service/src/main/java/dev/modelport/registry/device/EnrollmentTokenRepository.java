package dev.modelport.registry.device;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class EnrollmentTokenRepository implements PanacheRepositoryBase<EnrollmentTokenEntity, UUID> {

    /** Locked, so that concurrent enrollments cannot exceed the token's device limit. */
    Optional<EnrollmentTokenEntity> findBySecretForUpdate(String secretSha256) {
        return find("secretSha256", secretSha256).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
