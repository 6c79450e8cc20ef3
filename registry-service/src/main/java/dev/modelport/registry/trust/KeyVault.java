package dev.modelport.registry.trust;

import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates platform-held keys, seals them with the {@link AtRestKeyProtector}, and opens them into signers. Opened
 * signers are cached in memory by key id; a key leaves the cache when it stops being active.
 */
@ApplicationScoped
class KeyVault {

    @Inject
    AtRestKeyProtector protector;

    private final Map<String, Ed25519Signer> signers = new ConcurrentHashMap<>();

    /** A fresh platform-held key, sealed, not yet persisted. */
    TrustKeyEntity generate(KeyRole role, UUID ownerId) {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        TrustKeyEntity e = newEntity(role, ownerId, key.publicKey(), KeyCustody.PLATFORM);
        e.sealedSeed = protector.seal(key.seed(), context(e.keyId));
        e.protector = protector.id();
        signers.put(e.keyId, key.signer());
        return e;
    }

    /** An OEM-held key: only its public half is known to us. */
    TrustKeyEntity external(UUID ownerId, Ed25519PublicKey publicKey) {
        return newEntity(KeyRole.OEM, ownerId, publicKey, KeyCustody.OEM);
    }

    Ed25519Signer signer(TrustKeyEntity e) {
        if (e.custody != KeyCustody.PLATFORM) {
            throw new IllegalStateException("the platform does not hold the private key " + e.keyId);
        }
        return signers.computeIfAbsent(e.keyId, id -> {
            if (!protector.id().equals(e.protector)) {
                throw new IllegalStateException("key " + id + " was sealed with key-encryption key " + e.protector
                        + " but " + protector.id() + " is configured: set the MODELPORT_KEY_ENCRYPTION_KEY it was "
                        + "created with");
            }
            Ed25519Signer signer = Ed25519PrivateKey.fromSeed(protector.open(e.sealedSeed, context(id))).signer();
            if (!signer.keyId().equals(id)) {
                throw new IllegalStateException("sealed seed of key " + id + " opens to another key");
            }
            return signer;
        });
    }

    void forget(String keyId) {
        signers.remove(keyId);
    }

    private static TrustKeyEntity newEntity(KeyRole role, UUID ownerId, Ed25519PublicKey publicKey,
                                            KeyCustody custody) {
        TrustKeyEntity e = new TrustKeyEntity();
        e.keyId = publicKey.keyId();
        e.role = role;
        e.ownerId = ownerId;
        e.publicKey = publicKey.hex();
        e.custody = custody;
        e.status = KeyStatus.ACTIVE;
        e.createdAt = Instant.now();
        return e;
    }

    private static String context(String keyId) {
        return "modelport trust key " + keyId;
    }
}
