package dev.modelport.registry.release;

/**
 * PUBLISHED: the channel's TUF targets list the release's builds. AWAITING_SIGNATURE: the OEM holds its delegated
 * key and has not signed the new targets yet, so devices cannot verify the builds and no rollout may start.
 */
public enum ReleaseStatus {
    PUBLISHED, AWAITING_SIGNATURE
}
