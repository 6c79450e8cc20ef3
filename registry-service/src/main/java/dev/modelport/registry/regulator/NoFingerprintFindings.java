package dev.modelport.registry.regulator;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Used until the builds feature provides a {@link FingerprintFindings} bean: nothing is known. */
@DefaultBean
@ApplicationScoped
public class NoFingerprintFindings implements FingerprintFindings {

    @Override
    public Optional<Report> of(UUID versionId) {
        return Optional.empty();
    }
}
