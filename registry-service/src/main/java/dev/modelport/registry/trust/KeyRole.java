package dev.modelport.registry.trust;

/**
 * What a key signs. The first four are the TUF top-level roles of the shared root; CHECKPOINT signs
 * transparency-log checkpoints; OEM is an OEM's delegated targets role for paths {@code <oem>/*}.
 */
public enum KeyRole {
    /** k-of-n: root.json versions and key events. */
    ROOT,
    /** Top-level targets.json (delegations to OEMs) and the platform's own in-toto statements. */
    TARGETS,
    SNAPSHOT,
    TIMESTAMP,
    CHECKPOINT,
    OEM;

    /** The role name inside TUF metadata, or the key-event role name. */
    public String tufName() {
        return name().toLowerCase();
    }
}
