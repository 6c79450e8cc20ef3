package dev.modelport.registry.trust.log;

import java.time.Instant;

/**
 * Where a statement landed in the transparency log. {@code leafHash} is lower-case hex of SHA-256(0x00 || the
 * canonical DSSE envelope JSON); {@code subjectDigest} is the sha256 of the statement's first subject.
 */
public record LogEntry(long index, String leafHash, String predicateType, String subjectDigest, Instant integratedAt) {
}
