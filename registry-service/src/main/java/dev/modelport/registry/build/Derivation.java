package dev.modelport.registry.build;

/**
 * How far a build's claimed derivation from its input is established. A platform build is VERIFIED by construction;
 * an uploaded one is DECLARED until re-running its recipe on the declared input reproduces the same bytes (VERIFIED)
 * or does not (MISMATCH).
 */
public enum Derivation {
    VERIFIED,
    DECLARED,
    MISMATCH
}
