package dev.modelport.registry.catalog;

/** Lifecycle of a model version. Only DRAFT is editable; SUSPENDED is a regulator's hold. */
public enum VersionStatus {
    DRAFT, PUBLISHED, DEPRECATED, SUSPENDED, REVOKED;

    /** Usable as a parent of new work: published, or deprecated but not withdrawn. */
    public boolean isReleased() {
        return this == PUBLISHED || this == DEPRECATED;
    }
}
