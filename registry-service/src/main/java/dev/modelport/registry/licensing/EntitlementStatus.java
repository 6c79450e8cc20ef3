package dev.modelport.registry.licensing;

/** ACTIVE until the term ends (then EXPIRED) or the grantor or holder ends it (TERMINATED). */
public enum EntitlementStatus {
    ACTIVE, EXPIRED, TERMINATED
}
