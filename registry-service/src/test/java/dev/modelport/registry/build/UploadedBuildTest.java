package dev.modelport.registry.build;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.BuildFixtures.deviceClass;
import static dev.modelport.registry.support.BuildFixtures.published;
import static dev.modelport.registry.support.BuildFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.TinyLlama;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Builds made elsewhere: registered with a DECLARED derivation and a signed statement saying so, then verified by
 * re-running the recipe on the declared input: the same bytes are VERIFIED, a tampered file is a MISMATCH that names
 * the tensor.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class UploadedBuildTest {

    private record Registered(String version, String input, String build) {
    }

    private static Registered register(TinyLlama model, byte[] buildFile) {
        byte[] weights = model.gguf();
        String version = published("oem", "BASE", "PRIVATE", weights, Map.of());
        String digest = upload("oem", buildFile);
        String build = as("oem").body(Map.of("version", version, "deviceClass", deviceClass(1L << 30),
                        "quantType", "Q8_0", "digest", digest, "inputDigest", TinyLlama.digest(weights)))
                .post("/api/v1/builds/uploads").then().statusCode(201)
                .body("origin", equalTo("UPLOADED")).body("derivation", equalTo("DECLARED"))
                .body("status", equalTo("READY")).body("outputDigest", equalTo(digest))
                .body("provenanceLogIndex", org.hamcrest.Matchers.notNullValue())
                .extract().path("id");
        return new Registered(version, TinyLlama.digest(weights), build);
    }

    private static void awaitVerification(String build) {
        as("oem").post("/api/v1/builds/" + build + "/verification").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                as("oem").get("/api/v1/builds/" + build).then().extract().path("verifiedAt") != null);
    }

    @Test
    void anUploadedBuildIsDeclaredWithASignedStatementAndAReproducibleOneBecomesVerified() {
        TinyLlama model = TinyLlama.random(UUID.randomUUID().getMostSignificantBits());
        Registered r = register(model, model.quantized(QuantType.Q8_0));
        as("oem").get("/api/v1/builds/" + r.build() + "/provenance").then().statusCode(200)
                .body("envelope.payloadType", equalTo("application/vnd.in-toto+json"))
                .body("bundle.logEntry.index", equalTo(as("oem").get("/api/v1/builds/" + r.build()).then()
                        .extract().path("provenanceLogIndex")));

        awaitVerification(r.build());
        as("oem").get("/api/v1/builds/" + r.build()).then()
                .body("derivation", equalTo("VERIFIED"))
                .body("verification.state", equalTo("SUCCEEDED"))
                .body("mismatchDetail", equalTo(null));
    }

    @Test
    void aTamperedUploadIsAMismatchNamingTheFirstDifferentTensor() throws Exception {
        TinyLlama model = TinyLlama.random(UUID.randomUUID().getMostSignificantBits());
        byte[] tampered = model.quantized(QuantType.Q8_0);
        Path file = Files.write(Files.createTempFile("tampered", ".gguf"), tampered);
        GgufHeader header = GgufReader.readHeader(file);
        var target = header.tensor("blk.3.ffn_up.weight").orElseThrow();
        int at = (int) header.rangeOf(target).offset() + 40; // a quantized value, not a block scale
        tampered[at] ^= 0x01;
        Registered r = register(model, tampered);

        awaitVerification(r.build());
        as("oem").get("/api/v1/builds/" + r.build()).then()
                .body("derivation", equalTo("MISMATCH"))
                .body("mismatchDetail", containsString("'blk.3.ffn_up.weight'"));
        assertThat(header.tensors().indexOf(target)).isPositive();
    }

    @Test
    void theDeclaredInputMustBeAnArtifactOfTheVersionAndOnlyTheOwnerVerifies() {
        TinyLlama model = TinyLlama.random(UUID.randomUUID().getMostSignificantBits());
        Registered r = register(model, model.quantized(QuantType.Q8_0));
        String other = upload("oem", TinyLlama.random(UUID.randomUUID().getMostSignificantBits()).gguf());
        as("oem").body(Map.of("version", r.version(), "deviceClass", deviceClass(1L << 30), "quantType", "Q8_0",
                        "digest", other, "inputDigest", other))
                .post("/api/v1/builds/uploads").then().statusCode(422).body("code", equalTo("BUILD_INPUT_UNSUITABLE"));
        as("oem2").post("/api/v1/builds/" + r.build() + "/verification").then().statusCode(403);
    }
}
