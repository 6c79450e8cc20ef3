/**
 * The transparency log core: RFC 6962/9162 Merkle hashing, inclusion and consistency proofs built
 * from a {@link dev.modelport.signing.tlog.HashStore} and verified per RFC 9162 §2.1.3.2 and
 * §2.1.4.2, and C2SP signed-note checkpoints.
 */
package dev.modelport.signing.tlog;
