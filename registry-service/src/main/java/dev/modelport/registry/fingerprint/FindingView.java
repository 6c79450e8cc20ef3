package dev.modelport.registry.fingerprint;

import java.time.Instant;
import java.util.UUID;

/**
 * A provenance finding as the API shows it. {@code matchedVersion} is null when the caller may not read that
 * version; {@code selfDevelopedClaim} says whether the version claims "self-developed" (such findings come first in
 * the queue). {@code threshold} is the similarity at which two fingerprints count as a match.
 */
public record FindingView(UUID id, String version, String owner, String matchedVersion, String matchedOwner,
                          String digest, String matchedDigest, double score, double threshold, FindingStatus status,
                          boolean selfDevelopedClaim, String reason, String decidedBy, Instant decidedAt,
                          Long decisionLogIndex, Instant createdAt) {
}
