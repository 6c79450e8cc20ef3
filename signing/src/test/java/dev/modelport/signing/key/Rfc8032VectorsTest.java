package dev.modelport.signing.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.signing.internal.Hex;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8032 §7.1: TEST 1, 2, 3, 1024 and SHA(abc), from src/test/resources/rfc8032-ed25519.txt. */
class Rfc8032VectorsTest {

  record Vector(String name, String secret, String publicKey, String message, String signature) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vector> vectors() throws Exception {
    try (var in = Rfc8032VectorsTest.class.getResourceAsStream("/rfc8032-ed25519.txt");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      return reader.lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .map(l -> l.split("\\|", -1))
          .map(f -> new Vector(f[0], f[1], f[2], f[3], f[4]))
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void derivesThePublicKeyFromTheSeed(Vector v) {
    Ed25519PrivateKey key = privateKey(v);
    assertThat(key.publicKey().hex()).isEqualTo(v.publicKey());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void signsExactlyTheRfcSignature(Vector v) {
    byte[] sig = privateKey(v).signer().sign(Hex.decode(v.message()));
    assertThat(Hex.encode(sig)).isEqualTo(v.signature());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verifiesTheRfcSignatureAndRefusesAFlippedBit(Vector v) {
    Verifier verifier = Ed25519PublicKey.fromHex(v.publicKey()).verifier();
    byte[] message = Hex.decode(v.message());
    byte[] sig = Hex.decode(v.signature());
    verifier.verify(sig, message);

    sig[10] ^= 1;
    assertThatThrownBy(() -> verifier.verify(sig, message))
        .isInstanceOf(SignatureVerificationException.class);
  }

  private static Ed25519PrivateKey privateKey(Vector v) {
    return Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(Hex.decode(v.secret()), InsecureSecretAccess.get()));
  }
}
