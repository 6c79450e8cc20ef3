package dev.modelport.registry.trust;

import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.tuf.RootMetadata;
import dev.modelport.signing.tuf.SignedMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes root.json versions (TUF §4.3) from the active keys. A new version is signed by the previous root keys and
 * the new ones, so clients following the rotation (§5.3.4) accept it.
 */
@ApplicationScoped
class RootPublisher {

    @Inject
    TrustKeyRepository keys;

    @Inject
    TufRootRepository roots;

    @Inject
    KeyVault vault;

    @Inject
    TrustConfig config;

    /** Publishes the next root version; {@code previousRootSigners} are the root keys before a rotation. */
    SignedMetadata<RootMetadata> publishNext(List<Ed25519Signer> previousRootSigners) {
        int version = roots.latest().map(r -> r.version + 1).orElse(1);
        Instant now = Instant.now();
        Instant expires = now.plus(config.tuf().rootExpiry());
        List<TrustKeyEntity> rootKeys = keys.active(KeyRole.ROOT);
        RootMetadata root = RootMetadata.builder().version(version).expires(expires)
                .role("root", Math.min(config.root().threshold(), rootKeys.size()), publicKeys(rootKeys))
                .role("targets", 1, publicKeys(keys.active(KeyRole.TARGETS)))
                .role("snapshot", 1, publicKeys(keys.active(KeyRole.SNAPSHOT)))
                .role("timestamp", 1, publicKeys(keys.active(KeyRole.TIMESTAMP)))
                .build();
        Map<String, Ed25519Signer> signers = new LinkedHashMap<>();
        previousRootSigners.forEach(s -> signers.put(s.keyId(), s));
        rootKeys.forEach(k -> signers.putIfAbsent(k.keyId, vault.signer(k)));
        SignedMetadata<RootMetadata> signed = SignedMetadata.sign(root, new ArrayList<>(signers.values()));
        TufRootEntity e = new TufRootEntity();
        e.version = version;
        e.metadata = signed.bytes();
        e.expiresAt = expires;
        e.createdAt = now;
        roots.persist(e);
        return signed;
    }

    static List<Ed25519PublicKey> publicKeys(List<TrustKeyEntity> entities) {
        return entities.stream().map(k -> Ed25519PublicKey.fromHex(k.publicKey)).toList();
    }
}
