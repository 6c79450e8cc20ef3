package dev.modelport.registry.fingerprint;

import dev.modelport.registry.catalog.PublicationGuard;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Screens a version's weights as it is published. It never refuses publication: a close match opens a finding for
 * a regulator, because a fingerprint is a screening signal, not proof.
 */
@ApplicationScoped
class FingerprintGuard implements PublicationGuard {

    @Inject
    FindingScreener screener;

    @Override
    public void beforePublish(Caller caller, VersionRef version) {
        screener.screen(version.id());
    }
}
