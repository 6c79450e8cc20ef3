package dev.modelport.registry.build;

import java.util.UUID;

/**
 * CDI event, fired inside the transaction that makes a build READY (a platform build's output stored, or an uploaded
 * build registered). Weight fingerprints observe it: every build's weights are fingerprinted and screened.
 */
public record BuildOutputStored(UUID buildId, UUID ownerId, UUID versionId, String outputDigest) {
}
