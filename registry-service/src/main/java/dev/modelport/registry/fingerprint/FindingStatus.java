package dev.modelport.registry.fingerprint;

/** OPEN until a regulator confirms (the weights are taken as the matched model's) or dismisses it. */
public enum FindingStatus {
    OPEN,
    CONFIRMED,
    DISMISSED
}
