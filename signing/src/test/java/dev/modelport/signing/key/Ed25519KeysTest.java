package dev.modelport.signing.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.signing.internal.Hex;
import dev.modelport.signing.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {
  private static final String TEST1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String TEST1_PUB = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  private static Ed25519PrivateKey test1() {
    return Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(Hex.decode(TEST1_SEED), InsecureSecretAccess.get()));
  }

  @Test
  void privateKeyToStringNeverShowsTheSeed() {
    Ed25519PrivateKey key = test1();
    assertThat(key.toString()).doesNotContain(TEST1_SEED).contains("REDACTED").contains(TEST1_PUB);
    assertThat(key.seed().toString()).doesNotContain(TEST1_SEED).contains("REDACTED");
    assertThat(key.signer().toString()).doesNotContain(TEST1_SEED);
  }

  @Test
  void publicKeyFactoryRefusesWrongLengths() {
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(new byte[31])).isInstanceOf(MalformedKeyException.class);
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(new byte[33])).isInstanceOf(MalformedKeyException.class);
    assertThatThrownBy(() -> Ed25519PublicKey.fromHex("zz")).isInstanceOf(MalformedKeyException.class);
  }

  @Test
  void publicKeyFactoryRefusesSmallOrderPoints() {
    byte[] identity = new byte[32];
    identity[0] = 1; // y = 1: the neutral element
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(identity)).isInstanceOf(MalformedKeyException.class);
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(new byte[32])).isInstanceOf(MalformedKeyException.class);
  }

  @Test
  void seedFactoryRefusesWrongLength() {
    assertThatThrownBy(() -> Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(new byte[16], InsecureSecretAccess.get())))
        .isInstanceOf(MalformedKeyException.class);
  }

  @Test
  void subjectPublicKeyInfoAndPemRoundTripAndTheJdkAcceptsThem() throws Exception {
    Ed25519PublicKey key = test1().publicKey();
    byte[] der = key.subjectPublicKeyInfo();
    assertThat(Ed25519PublicKey.fromSubjectPublicKeyInfo(der)).isEqualTo(key);
    assertThat(Ed25519PublicKey.fromPem(key.pem())).isEqualTo(key);
    assertThat(key.pem()).startsWith("-----BEGIN PUBLIC KEY-----\n");

    var jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    assertThat(jdkKey.getEncoded()).isEqualTo(der);
  }

  @Test
  void readsAPemThatOpensslWrote() {
    // `openssl pkey -pubout` output for the RFC 8032 TEST 1 key.
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getEncoder().encodeToString(Hex.decode("302a300506032b6570032100" + TEST1_PUB))
        + "\n-----END PUBLIC KEY-----\n";
    assertThat(Ed25519PublicKey.fromPem(pem).hex()).isEqualTo(TEST1_PUB);
  }

  @Test
  void pkcs8RoundTripsAndSignaturesInteroperateWithTheJdk() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    String pem = key.toPkcs8Pem(InsecureSecretAccess.get());
    Ed25519PrivateKey back = Ed25519PrivateKey.fromPkcs8Pem(pem, InsecureSecretAccess.get());
    assertThat(back).isEqualTo(key);

    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
    byte[] data = "interop".getBytes(StandardCharsets.UTF_8);
    jdk.update(data);
    key.publicKey().verifier().verify(jdk.sign(), data);
  }

  @Test
  void keyIdIsSha256OfTheCanonicalTufKeyObject() {
    Ed25519PublicKey key = Ed25519PublicKey.fromHex(TEST1_PUB);
    String canonical = "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"" + TEST1_PUB + "\"},\"scheme\":\"ed25519\"}";
    assertThat(key.keyId()).isEqualTo(Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8))).hasSize(64);
  }

  @Test
  void verifyRefusesWrongLengthSignatureAndOtherData() {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    byte[] data = {1, 2, 3};
    byte[] sig = key.signer().sign(data);
    Verifier v = key.publicKey().verifier();
    v.verify(sig, data);
    assertThatThrownBy(() -> v.verify(new byte[63], data)).isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> v.verify(sig, new byte[] {1, 2, 4})).isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> Ed25519PrivateKey.generate().publicKey().verifier().verify(sig, data))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void externalSignerWithMismatchedKeyIsCaughtAtSigningTime() {
    Ed25519PrivateKey actual = Ed25519PrivateKey.generate();
    Ed25519PublicKey claimed = Ed25519PrivateKey.generate().publicKey();
    Ed25519Signer wrong = Ed25519Signer.external(claimed, actual.signer());
    assertThatThrownBy(() -> wrong.sign(new byte[] {1})).isInstanceOf(IllegalStateException.class);

    Ed25519Signer right = Ed25519Signer.external(actual.publicKey(), actual.signer());
    assertThat(right.sign(new byte[] {1})).hasSize(64);
    assertThat(right.keyId()).isEqualTo(actual.publicKey().keyId());
  }
}
