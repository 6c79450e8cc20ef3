/**
 * Ed25519 keys and the one-method {@link dev.modelport.signing.key.Signer} / {@link
 * dev.modelport.signing.key.Verifier} primitives.
 *
 * <p>Implementation: BouncyCastle's lightweight RFC 8032 code (about 10x the JDK's SunEC rate on
 * our machines, and present on Android). Key id: the TUF key id, lower-case hex SHA-256 of the
 * canonical TUF key object {@code {"keytype":"ed25519","keyval":{"public":"<hex>"},"scheme":"ed25519"}};
 * DSSE signatures and TUF metadata use the same id. Verification failures throw the unchecked
 * {@link dev.modelport.signing.key.SignatureVerificationException}.
 */
package dev.modelport.signing.key;
