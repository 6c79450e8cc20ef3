package dev.modelport.registry.compliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Read side of compliance holds, for distribution and dossiers. */
@ApplicationScoped
public class ComplianceHolds {

    @Inject
    ComplianceHoldRepository holds;

    @Transactional
    public Set<Hold> active() {
        return holds.active().stream().map(h -> new Hold(h.versionId, h.jurisdiction)).collect(Collectors.toSet());
    }

    @Transactional
    public boolean held(UUID versionId, String jurisdiction) {
        return active().contains(new Hold(versionId, jurisdiction));
    }
}
