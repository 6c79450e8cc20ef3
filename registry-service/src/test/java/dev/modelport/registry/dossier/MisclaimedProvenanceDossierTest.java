package dev.modelport.registry.dossier;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.BuildFixtures.deviceClass;
import static dev.modelport.registry.support.BuildFixtures.published;
import static dev.modelport.registry.support.BuildFixtures.upload;
import static dev.modelport.registry.support.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.cli.Verify;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.TinyLlama;
import dev.modelport.registry.trust.TrustFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misclaimed provenance, end to end on real parts (real GGUF weights, the real fingerprint job, real regulator
 * tokens, the CLI verifier): an OEM registers a from-scratch base, claims "self-developed", and ships weights that
 * are a perturbed, quantized copy of a vendor's base. The finding reaches the CN regulator's queue; confirming it
 * suspends the claim; the dossier shows both, and verifies offline with the finding told in words.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class MisclaimedProvenanceDossierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aConfirmedFindingSuspendsTheClaimAndTheDossierShowsAndVerifiesIt() throws Exception {
        TinyLlama vendorBase = TinyLlama.random(seed());
        String vendorVersion = published("vendor", "BASE", "PUBLIC", vendorBase.gguf(), Map.of());
        byte[] declared = TinyLlama.random(seed()).gguf();
        String version = published("oem", "BASE", "PRIVATE", declared, Map.of());
        as("oem").body(Map.of("claim", "SELF_DEVELOPED", "statement", "Trained in-house from scratch"))
                .put(path(version) + "/claim").then().statusCode(200);
        // What ships is the vendor's base, perturbed and quantized.
        String shipped = upload("oem", TinyLlama.quantize(vendorBase.withNoise(0.05, seed()).gguf(), QuantType.Q8_0));
        as("oem").body(Map.of("version", version, "deviceClass", deviceClass(1L << 30), "quantType", "Q8_0",
                "digest", shipped, "inputDigest", TinyLlama.digest(declared))).post("/api/v1/builds/uploads").then()
                .statusCode(201);

        String id = awaitFindingInQueue("regulator", version);
        as("regulator").queryParam("status", "OPEN").queryParam("limit", 200).get("/api/v1/findings").then()
                .statusCode(200).body("items.id", hasItem(id));
        String reason = "The shipped weights are acme-ai's base";
        as("regulator").body(Map.of("reason", reason)).post("/api/v1/findings/" + id + "/confirm").then()
                .statusCode(200).body("status", equalTo("CONFIRMED")).body("decisionLogIndex", notNullValue());
        as("oem").get(path(version) + "/provenance").then().statusCode(200)
                .body("claim.claim", equalTo("SELF_DEVELOPED")).body("claim.suspendedAt", notNullValue());

        byte[] body = as("regulator").get(path(version) + "/dossier").then().statusCode(200).extract().asByteArray();
        JsonNode dossier = JSON.readTree(body);
        JsonNode d = dossier.get("dossier");
        assertThat(d.at("/model/claim/claim").asText()).isEqualTo("SELF_DEVELOPED");
        assertThat(d.at("/model/claim/suspendedAt").isTextual()).isTrue();
        assertThat(d.at("/model/claim/suspendedReason").asText()).contains(id);
        JsonNode fp = d.get("fingerprints");
        assertThat(fp.get("available").asBoolean()).isTrue();
        assertThat(fp.get("results").findValuesAsText("subject")).contains(shipped, TinyLlama.digest(declared));
        JsonNode finding = fp.get("findings").get(0);
        assertThat(finding.get("id").asText()).isEqualTo(id);
        assertThat(finding.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(finding.get("matchedVersion").asText()).isEqualTo(vendorVersion);
        assertThat(finding.get("matchedOwner").asText()).isEqualTo("acme-ai");
        assertThat(finding.get("decisionReason").asText()).isEqualTo(reason);
        long logIndex = finding.get("logIndex").asLong();
        assertThat(d.get("statements").findValues("logIndex").stream().map(JsonNode::asLong)).contains(logIndex);

        String report = verify(dossier);
        System.out.println("verify report of a dossier with a confirmed finding:\n" + report); // the README quotes it
        assertThat(report).startsWith("0\n")
                .contains("CONFIRMED by regulator (\"" + reason + "\")")
                .contains("closely match " + vendorVersion + " of acme-ai")
                .contains("PASS  every decided provenance finding matches the regulator's signed decision")
                .contains("NOTE  the owner claims SELF_DEVELOPED (\"Trained in-house from scratch\"); the claim is "
                        + "SUSPENDED since")
                .contains("VERIFIED");

        // A dossier that hides the regulator's decision (shown OPEN again) no longer verifies.
        ((com.fasterxml.jackson.databind.node.ObjectNode) d.at("/fingerprints/findings/0"))
                .put("decisionReason", "a different reason");
        assertThat(verify(dossier)).doesNotStartWith("0\n")
                .contains("finding " + id + ": the dossier shows it CONFIRMED because \"a different reason\"");
    }

    private static String awaitFindingInQueue(String regulator, String version) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() ->
                !as(regulator).queryParam("version", version).get("/api/v1/findings").then().statusCode(200)
                        .extract().jsonPath().getList("items").isEmpty());
        List<Map<String, Object>> items = as(regulator).queryParam("version", version).get("/api/v1/findings")
                .then().extract().jsonPath().getList("items");
        assertThat(items.get(0)).containsEntry("selfDevelopedClaim", true).containsEntry("status", "OPEN");
        return (String) items.get(0).get("id");
    }

    private String verify(JsonNode dossier) throws Exception {
        Path root = Files.write(dir.resolve("root.json"), TrustFixtures.get("/device/v1/tuf/root.json"));
        Path file = Files.write(dir.resolve("dossier.json"), JSON.writeValueAsBytes(dossier));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Verify.run(new String[] {file.toString(), "--root", root.toString()}, print, print);
        return code + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    private static long seed() {
        return UUID.randomUUID().getMostSignificantBits();
    }
}
