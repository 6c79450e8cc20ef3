package dev.modelport.registry.build;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.BuildFixtures.awaitBuild;
import static dev.modelport.registry.support.BuildFixtures.deviceClass;
import static dev.modelport.registry.support.BuildFixtures.published;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.cli.Verify;
import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.digest.TensorDigest;
import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.TinyLlama;
import dev.modelport.registry.trust.TrustFixtures;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.intoto.BuildProvenance;
import dev.modelport.signing.intoto.Statement;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Platform builds end to end on the real quantizer, real Quartz jobs, real PostgreSQL and Keycloak: request, watch
 * progress, download, and verify the provenance statement offline with nothing but the TUF root.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class BuildEndToEndTest {

    private static final long GIB = 1L << 30;

    private static byte[] weights() {
        return TinyLlama.random(UUID.randomUUID().getMostSignificantBits()).gguf();
    }

    @Test
    void aRequestedBuildRunsReportsProgressAndItsProvenanceVerifiesOffline() throws Exception {
        String version = published("oem", "BASE", "PRIVATE", weights(), Map.of());
        String phone = deviceClass(GIB);

        String id = as("oem").body(Map.of("version", version, "deviceClass", phone, "quantType", "Q8_0"))
                .post("/api/v1/builds").then().statusCode(202)
                .body("origin", equalTo("PLATFORM")).body("derivation", equalTo("VERIFIED"))
                .body("job.id", org.hamcrest.Matchers.notNullValue())
                .extract().path("id");
        JsonPath build = awaitBuild("oem", id);
        assertThat(build.getString("status")).isEqualTo("READY");
        String jobId = build.getString("job.id");
        as("oem").get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED")).body("kind", equalTo("build.quantize"))
                .body("progressPercent", equalTo(100.0f));
        JsonPath job = as("oem").get("/api/v1/jobs/" + jobId).then().extract().jsonPath();
        assertThat(job.getLong("bytesDone")).isPositive();
        assertThat(build.getFloat("job.progressPercent")).isEqualTo(100.0f);
        assertThat(build.getLong("memoryEstimateBytes")).isPositive().isLessThan(GIB);
        assertThat(build.getString("quantizerVersion")).isNotBlank();

        byte[] gguf = as("oem").get("/api/v1/builds/" + id + "/gguf").then().statusCode(200).extract().asByteArray();
        assertThat(TinyLlama.digest(gguf)).isEqualTo(build.getString("outputDigest"));
        assertThat((long) gguf.length).isEqualTo(build.getLong("outputSize"));
        as("oem2").get("/api/v1/builds/" + id + "/gguf").then().statusCode(403);

        Path dir = Files.createTempDirectory("build-provenance");
        Path file = Files.write(dir.resolve("build.gguf"), gguf);
        var provenance = as("oem").get("/api/v1/builds/" + id + "/provenance").then().statusCode(200).extract();
        ObjectMapper json = new ObjectMapper();
        Path bundle = Files.write(dir.resolve("bundle.json"),
                json.writeValueAsBytes(json.readTree(provenance.asByteArray()).get("bundle")));
        Path root = Files.write(dir.resolve("root.json"), TrustFixtures.get("/device/v1/tuf/root.json"));
        String verified = verify(file.toString(), "--provenance", bundle.toString(), "--root", root.toString());
        assertThat(verified).startsWith("0\n").contains("the build file's sha256 is the subject");

        // The statement names input, quantizer, recipe and the per-tensor digests of exactly the downloaded file.
        Envelope envelope = Envelope.fromJson(json.writeValueAsBytes(json.readTree(provenance.asByteArray())
                .get("envelope")));
        BuildProvenance p = BuildProvenance.fromStatement(Statement.fromJson(envelope.payload()));
        assertThat(p.inputs().get(0).sha256()).isEqualTo(build.getString("inputDigest").substring(7));
        assertThat(p.toolVersion()).isEqualTo(build.getString("quantizerVersion"));
        assertThat(p.recipe().get("quantType").asText()).isEqualTo("Q8_0");
        assertThat(p.output().sha256()).isEqualTo(TinyLlama.digest(gguf).substring(7));
        Map<String, String> fromFile = GgufManifest.of(file).tensors().stream()
                .collect(Collectors.toMap(TensorDigest::name, TensorDigest::sha256));
        assertThat(p.tensorDigests()).isEqualTo(fromFile);
        assertThat(build.getList("tensorDigests.name")).hasSize(fromFile.size());

        as("oem").queryParam("version", version).get("/api/v1/builds").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id));
        as("oem").get("/api/v1/builds").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(id));
        as("oem2").get("/api/v1/builds/" + id).then().statusCode(403);
    }

    @Test
    void aClassWhoseBudgetIsTooSmallIsRefusedWithTheNumbers() {
        String version = published("oem", "BASE", "PRIVATE", weights(), Map.of());
        String small = deviceClass(1 << 20);
        as("oem").body(Map.of("version", version, "deviceClass", small, "quantType", "Q4_0"))
                .post("/api/v1/builds").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("BUILD_EXCEEDS_MEMORY_BUDGET"))
                .body("detail", containsString("'" + small + "'"))
                .body("detail", containsString("1048576 bytes"))
                .body("detail", containsString("KV cache"))
                .body("detail", containsString("context length 4096"));
        as("oem").queryParam("version", version).get("/api/v1/builds").then().body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aLicenceThatForbidsQuantizationRefusesTheBuild() {
        byte[] base = weights();
        String vendorBase = published("vendor", "BASE", "PUBLIC", base, Map.of());
        purchase("oem", OfferBuilder.on(modelOf(vendorBase)).quantization(false).create("vendor"));
        String tune = published("oem", "FINETUNE", "PRIVATE", base, Map.of(vendorBase, "FINETUNE"));
        as("oem").body(Map.of("version", tune, "deviceClass", deviceClass(GIB), "quantType", "Q8_0"))
                .post("/api/v1/builds").then().statusCode(422)
                .body("code", equalTo("LICENCE_REQUIRED"))
                .body("detail", containsString("quantization"));
    }

    private static String verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Verify.run(new ArrayList<>(List.of(args)).toArray(String[]::new), print, print);
        return code + "\n" + out.toString(StandardCharsets.UTF_8);
    }
}
