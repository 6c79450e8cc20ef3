package dev.modelport.signing.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.dsse.SignatureThresholdException;
import dev.modelport.signing.internal.Sha256;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.json.MalformedJsonException;
import dev.modelport.signing.key.Ed25519PrivateKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTest {
  private static final String IN = Sha256.hex("f16".getBytes(StandardCharsets.UTF_8));
  private static final String OUT = Sha256.hex("q4".getBytes(StandardCharsets.UTF_8));
  private static final String T0 = Sha256.hex("t0".getBytes(StandardCharsets.UTF_8));
  private static final Instant NOW = Instant.parse("2025-06-01T10:15:30Z");
  private final Ed25519PrivateKey platform = Ed25519PrivateKey.generate();

  private BuildProvenance provenance() {
    return BuildProvenance.builder()
        .input("acme/glm-9b-chat@1.0.0/model-f16.gguf", IN)
        .tool("modelport-quantizer", "0.3.1")
        .recipe("quantization", "Q4_0")
        .recipe("deviceClass", "sm8650-12g")
        .output("glm-9b-chat-q4_0.gguf", OUT)
        .tensorDigest("blk.0.attn_q.weight", T0)
        .invocationId("job-42")
        .startedOn(NOW)
        .finishedOn(NOW.plusSeconds(60))
        .build();
  }

  @Test
  void buildProvenanceHasTheSlsaV1ShapeAndTheOutputAsSubject() {
    JsonNode json = provenance().toStatement().toJson();
    assertThat(json.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(json.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(json.at("/subject/0/digest/sha256").asText()).isEqualTo(OUT);
    assertThat(json.at("/predicate/buildDefinition/buildType").asText()).isEqualTo(BuildProvenance.QUANTIZE_BUILD_TYPE);
    assertThat(json.at("/predicate/buildDefinition/externalParameters/recipe/quantization").asText()).isEqualTo("Q4_0");
    assertThat(json.at("/predicate/buildDefinition/resolvedDependencies/0/digest/sha256").asText()).isEqualTo(IN);
    assertThat(json.at("/predicate/runDetails/builder/version/modelport-quantizer").asText()).isEqualTo("0.3.1");
    assertThat(json.at("/predicate/runDetails/byproducts/0/name").asText()).isEqualTo("blk.0.attn_q.weight");
  }

  @Test
  void signedProvenanceVerifiesAndParsesBackToTheSameValue() {
    Envelope env = provenance().toStatement().sign(platform.signer());
    Envelope wire = Envelope.fromJson(env.toJsonBytes());
    Statement verified = Statement.verify(wire, Statement.verifier(List.of(platform.publicKey()), 1));
    assertThat(BuildProvenance.fromStatement(verified)).isEqualTo(provenance());
  }

  @Test
  void statementFromAnUntrustedKeyIsRefused() {
    Envelope env = provenance().toStatement().sign(Ed25519PrivateKey.generate().signer());
    assertThatThrownBy(() -> Statement.verify(env, Statement.verifier(List.of(platform.publicKey()), 1)))
        .isInstanceOf(SignatureThresholdException.class);
  }

  @Test
  void payloadIsCanonicalJsonSoItsDigestIsStable() {
    Statement s = provenance().toStatement();
    byte[] bytes = s.toJsonBytes();
    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(bytes))).isEqualTo(bytes);
    assertThat(Statement.fromJson(bytes)).isEqualTo(s);
  }

  @Test
  void releaseFilingRegulatorAndKeyEventPredicatesRoundTrip() {
    ReleasePredicate release = ReleasePredicate.builder().org("oem-x").channel("stable").releaseId("r-7")
        .modelVersion("oem-x/assistant@2.1.0").entitlementId("ent-9").filing("CN-2025-0042")
        .build("sm8650-12g", "Q4_0", "assistant-q4_0.gguf", OUT).releasedAt(NOW).build();
    assertThat(ReleasePredicate.fromJson(release.toJson())).isEqualTo(release);
    assertThat(release.toStatement().subjects()).extracting(Subject::sha256).containsExactly(OUT);

    FilingRecordPredicate filing = FilingRecordPredicate.builder().jurisdiction("CN").filingNumber("CN-2025-0042")
        .filer("oem-x").status("APPROVED").modelVersion("oem-x/assistant@2.1.0").recordedAt(NOW).build();
    assertThat(FilingRecordPredicate.fromJson(filing.toJson())).isEqualTo(filing);

    RegulatorActionPredicate hold = RegulatorActionPredicate.builder().regulator("cac").jurisdiction("CN")
        .action("HOLD").target("model-version:oem-x/assistant@2.1.0").reason("finding F-3").effectiveAt(NOW).build();
    assertThat(RegulatorActionPredicate.fromJson(hold.toJson())).isEqualTo(hold);

    KeyEventPredicate rotated = KeyEventPredicate.builder().event("ROTATED").owner("oem-x").role("oem-x")
        .key(platform.publicKey()).previousKeyId("ab".repeat(32)).effectiveAt(NOW).build();
    assertThat(KeyEventPredicate.fromJson(rotated.toJson())).isEqualTo(rotated);
    assertThat(rotated.toStatement().subjects().get(0).sha256()).isEqualTo(platform.publicKey().keyId());
  }

  @Test
  void keyEventWithAKeyIdThatDoesNotMatchTheKeyIsRefused() {
    KeyEventPredicate e = KeyEventPredicate.builder().event("ADDED").owner("o").role("r")
        .key(platform.publicKey()).effectiveAt(NOW).build();
    var json = e.toJson().put("keyid", "00".repeat(32));
    assertThatThrownBy(() -> KeyEventPredicate.fromJson(json)).isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void subjectsNeedALowerCaseSha256() {
    assertThatThrownBy(() -> Subject.sha256("x", OUT.toUpperCase())).isInstanceOf(MalformedJsonException.class);
    assertThatThrownBy(() -> Subject.sha256("x", "abc")).isInstanceOf(MalformedJsonException.class);
  }
}
