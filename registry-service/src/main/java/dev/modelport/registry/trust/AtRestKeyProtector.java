package dev.modelport.registry.trust;

import dev.modelport.signing.key.SecretBytes;

/**
 * Seals private key material for storage in PostgreSQL and opens it again. The default implementation is
 * {@link AesGcmKeyProtector}; a KMS-backed one (envelope encryption: the KMS wraps the data) can replace it as a CDI
 * alternative. Keys that must never leave an HSM do not go through this interface at all: see docs/trust.md.
 *
 * <p>Guarantee: {@link #open} returns the secret only if the sealed bytes were produced by {@link #seal} with the
 * same protector key and the same {@code context}; anything else fails. Implementations must be thread-safe and
 * must never log secrets.
 */
public interface AtRestKeyProtector {

    /**
     * A stable identifier of the protecting key (never the key itself), stored next to every sealed secret so a
     * wrong configuration is reported instead of producing garbage.
     */
    String id();

    /** Encrypts {@code secret}, binding it to {@code context} (for instance the key id it belongs to). */
    byte[] seal(SecretBytes secret, String context);

    /**
     * Decrypts what {@link #seal} produced.
     *
     * @throws KeySealException if the bytes were tampered with, belong to another context or another protector key
     */
    SecretBytes open(byte[] sealed, String context);

    /** Sealing or opening failed. The message never contains secret material. */
    final class KeySealException extends RuntimeException {
        public KeySealException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
