package dev.modelport.registry.catalog;

import dev.modelport.registry.tenancy.Caller;

/**
 * A check that must pass before a version is published, run inside the publishing transaction. Features that the
 * catalog must not depend on (lineage, licensing) plug in here, so the dependency points from them to the catalog.
 */
public interface PublicationGuard {

    /** Throws a DomainException to refuse; may record what publication fixes (such as the licences used). */
    void beforePublish(Caller caller, VersionRef version);
}
