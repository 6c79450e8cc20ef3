package dev.modelport.signing.key;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * RFC 8032 Ed25519 verification with BouncyCastle, reusing the decoded public point so repeated
 * checks with one key skip point decompression. Obtain via {@link Ed25519PublicKey#verifier()}.
 */
final class Ed25519Verifier implements Verifier {
  private final Ed25519PublicKey key;

  Ed25519Verifier(Ed25519PublicKey key) {
    this.key = key;
  }

  @Override
  public void verify(byte[] signature, byte[] data) {
    if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new SignatureVerificationException("Ed25519 signature must be 64 bytes, got "
          + (signature == null ? "null" : signature.length) + " (key " + key.keyId() + ")");
    }
    if (data == null || !Ed25519.verify(signature, 0, key.point(), data, 0, data.length)) {
      throw new SignatureVerificationException("invalid Ed25519 signature for key " + key.keyId());
    }
  }
}
