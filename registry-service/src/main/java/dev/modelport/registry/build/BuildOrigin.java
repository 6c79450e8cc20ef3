package dev.modelport.registry.build;

/** Who made a build's bytes: the platform's quantize job, or the owner elsewhere (then uploaded). */
public enum BuildOrigin {
    PLATFORM,
    UPLOADED
}
