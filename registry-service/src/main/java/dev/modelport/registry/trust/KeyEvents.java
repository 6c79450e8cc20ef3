package dev.modelport.registry.trust;

import dev.modelport.registry.trust.log.LogEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.intoto.KeyEventPredicate;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Turns every key lifecycle change into a KeyEventPredicate statement, signed by the root keys and appended to the
 * transparency log, so anyone holding the root can check which keys were introduced, rotated or revoked, and when.
 */
@ApplicationScoped
class KeyEvents {

    static final String ADDED = "ADDED";
    static final String ROTATED = "ROTATED";
    static final String REVOKED = "REVOKED";
    /** The owner named in key events about the platform's own keys. */
    static final String PLATFORM_OWNER = "modelport";

    @Inject
    TransparencyLog log;

    LogEntry record(String event, String owner, KeyRole role, String publicKeyHex, String previousKeyId,
                    String reason, List<Ed25519Signer> rootSigners) {
        KeyEventPredicate predicate = KeyEventPredicate.builder().event(event).owner(owner).role(role.tufName())
                .key(Ed25519PublicKey.fromHex(publicKeyHex)).previousKeyId(previousKeyId).reason(reason)
                .effectiveAt(Instant.now()).build();
        Envelope envelope = predicate.toStatement().sign(rootSigners);
        return log.append(envelope);
    }
}
