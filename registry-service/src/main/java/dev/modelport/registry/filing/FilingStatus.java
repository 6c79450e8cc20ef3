package dev.modelport.registry.filing;

/** SUBMITTED by the filer; APPROVED, REJECTED or SUSPENDED by the regulator; WITHDRAWN by the filer. */
public enum FilingStatus {
    SUBMITTED, APPROVED, REJECTED, WITHDRAWN, SUSPENDED
}
