package dev.modelport.registry.trust;

/** ACTIVE keys sign; RETIRED ones were rotated out in good standing; REVOKED ones must no longer be trusted. */
public enum KeyStatus {
    ACTIVE, RETIRED, REVOKED
}
