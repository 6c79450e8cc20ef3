package dev.modelport.registry.filing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/** Read side of filings for distribution: may a version reach devices in a jurisdiction that requires filing? */
@ApplicationScoped
public class FilingGate {

    @Inject
    FilingRepository filings;

    /** The number of an APPROVED filing in {@code jurisdiction} covering {@code versionId}, if there is one. */
    @Transactional
    public Optional<String> approvedFiling(UUID versionId, String jurisdiction) {
        return filings.find("jurisdiction = ?1 and status = ?2 and ?3 member of versionIds", jurisdiction,
                        FilingStatus.APPROVED, versionId).list().stream()
                .min(Comparator.comparing((FilingEntity f) -> f.createdAt))
                .map(f -> f.filingNumber);
    }
}
