package dev.modelport.signing.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsseEnvelopeTest {
  private static final String TYPE = "application/vnd.modelport.test+json";
  private final Ed25519PrivateKey a = Ed25519PrivateKey.generate();
  private final Ed25519PrivateKey b = Ed25519PrivateKey.generate();
  private final Ed25519PrivateKey c = Ed25519PrivateKey.generate();
  private final byte[] payload = "{\"mod\u00e8le\":\"\u6a21\u578b\"}".getBytes(StandardCharsets.UTF_8);

  private DsseVerifier twoOfThree() {
    return DsseVerifier.of(TYPE, List.of(a.publicKey(), b.publicKey(), c.publicKey()), 2);
  }

  @Test
  void nonAsciiPayloadSignedAndVerifiedOverByteLengths() {
    Envelope env = Envelope.sign(TYPE, payload, a.signer());
    assertThat(DsseVerifier.of(TYPE, a.publicKey()).verify(env)).isEqualTo(payload);
    // the signature is over the byte-length PAE, so a char-length PAE would not verify
    String charLengthPae = "DSSEv1 " + TYPE.length() + " " + TYPE + " "
        + new String(payload, StandardCharsets.UTF_8).length() + " " + new String(payload, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> a.publicKey().verifier()
        .verify(env.signatures().get(0).sig(), charLengthPae.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(dev.modelport.signing.key.SignatureVerificationException.class);
  }

  @Test
  void jsonRoundTripKeepsTheEnvelopeVerifiable() {
    Envelope env = Envelope.sign(TYPE, payload, a.signer(), b.signer());
    Envelope back = Envelope.fromJson(env.toJsonBytes());
    assertThat(back).isEqualTo(env);
    assertThat(twoOfThree().verify(back)).isEqualTo(payload);
    assertThat(env.toJson().get("signatures").get(0).get("keyid").asText()).isEqualTo(a.publicKey().keyId());
  }

  @Test
  void acceptsUrlSafeBase64AsTheSpecAllows() {
    Envelope env = Envelope.sign(TYPE, new byte[] {(byte) 0xfb, (byte) 0xff}, a.signer());
    String json = "{\"payload\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(env.payload())
        + "\",\"payloadType\":\"" + TYPE + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\""
        + Base64.getUrlEncoder().encodeToString(env.signatures().get(0).sig()) + "\"}]}";
    assertThat(DsseVerifier.of(TYPE, a.publicKey()).verify(Envelope.fromJson(json.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(env.payload());
  }

  @Test
  void oneSignatureIsBelowATwoOfThreeThreshold() {
    Envelope env = Envelope.sign(TYPE, payload, a.signer());
    assertThatThrownBy(() -> twoOfThree().verify(env))
        .isInstanceOfSatisfying(SignatureThresholdException.class, e -> {
          assertThat(e.threshold()).isEqualTo(2);
          assertThat(e.validKeyIds()).containsExactly(a.publicKey().keyId());
        });
  }

  @Test
  void theSameKeySigningTwiceCountsOnce() {
    Envelope env = Envelope.sign(TYPE, payload, a.signer(), a.signer());
    assertThatThrownBy(() -> twoOfThree().verify(env)).isInstanceOf(SignatureThresholdException.class);
  }

  @Test
  void untrustedKeysDoNotCountEvenWithAForgedKeyIdHint() {
    Ed25519PrivateKey mallory = Ed25519PrivateKey.generate();
    Envelope signed = Envelope.sign(TYPE, payload, a.signer(), mallory.signer());
    EnvelopeSignature forged = new EnvelopeSignature(b.publicKey().keyId(), signed.signatures().get(1).sig());
    Envelope env = new Envelope(TYPE, payload, List.of(signed.signatures().get(0), forged));
    assertThatThrownBy(() -> twoOfThree().verify(env)).isInstanceOf(SignatureThresholdException.class);
  }

  @Test
  void signaturesWithoutKeyIdAreTriedAgainstEveryTrustedKey() {
    Envelope signed = Envelope.sign(TYPE, payload, b.signer(), c.signer());
    Envelope anonymous = new Envelope(TYPE, payload, signed.signatures().stream()
        .map(s -> new EnvelopeSignature("", s.sig())).toList());
    assertThat(twoOfThree().verify(anonymous)).isEqualTo(payload);
  }

  @Test
  void tamperedPayloadIsRefused() {
    Envelope env = Envelope.sign(TYPE, payload, a.signer(), b.signer());
    byte[] evil = payload.clone();
    evil[3] ^= 1;
    Envelope tampered = new Envelope(TYPE, evil, env.signatures());
    assertThatThrownBy(() -> twoOfThree().verify(tampered)).isInstanceOf(SignatureThresholdException.class);
  }

  @Test
  void wrongPayloadTypeIsRefusedBeforeAnyParsing() {
    Envelope env = Envelope.sign("application/other", payload, a.signer());
    assertThatThrownBy(() -> DsseVerifier.of(TYPE, a.publicKey()).verify(env))
        .isInstanceOfSatisfying(PayloadTypeMismatchException.class, e -> assertThat(e.found()).isEqualTo("application/other"));
  }

  @Test
  void malformedJsonIsAVerificationFailure() {
    assertThatThrownBy(() -> Envelope.fromJson("{\"payload\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedEnvelopeException.class);
    assertThatThrownBy(() -> Envelope.fromJson("nope".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedEnvelopeException.class);
  }

  @Test
  void thresholdMustBeReachable() {
    List<Ed25519PublicKey> keys = List.of(a.publicKey());
    assertThatThrownBy(() -> DsseVerifier.of(TYPE, keys, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DsseVerifier.of(TYPE, keys, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
