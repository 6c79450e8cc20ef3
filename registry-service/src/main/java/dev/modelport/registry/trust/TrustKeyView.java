package dev.modelport.registry.trust;

import java.time.Instant;

/** What other features and the API may know of a key: public material and lifecycle, never the secret. */
public record TrustKeyView(String keyId, KeyRole role, String owner, String publicKey, KeyCustody custody,
                           KeyStatus status, Instant createdAt, Instant retiredAt, String replacedBy,
                           Instant revokedAt, String revocationReason) {
}
