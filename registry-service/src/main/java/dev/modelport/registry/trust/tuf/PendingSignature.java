package dev.modelport.registry.trust.tuf;

/**
 * Delegated-role metadata an OEM must sign: Ed25519 over exactly {@code canonicalSigned} (the RFC 8785 canonical
 * JSON of the metadata's "signed" object, as TUF §4.2 signs it) with key {@code keyId}.
 */
public record PendingSignature(String repository, String role, int version, String keyId, byte[] canonicalSigned) {
}
