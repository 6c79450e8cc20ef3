package dev.modelport.registry.trust.tuf;

/**
 * What {@link TufRepositoryService#publishTargets} did. PUBLISHED: devices see the new targets now.
 * AWAITING_OEM_SIGNATURE: the OEM holds its key; the new delegated metadata waits for its signature
 * ({@code awaitingKeyId}), and devices keep seeing the previous targets until it arrives.
 */
public record PublishResult(String repository, Status status, String delegatedRole, int delegatedVersion,
                            Integer snapshotVersion, Integer timestampVersion, String awaitingKeyId) {

    public enum Status {
        PUBLISHED, AWAITING_OEM_SIGNATURE
    }
}
