package dev.modelport.registry.e2e;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.BuildFixtures.awaitBuild;
import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.cohort;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.Distribution.release;
import static dev.modelport.registry.support.Distribution.rollout;
import static dev.modelport.registry.support.Distribution.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.DeviceIdentity;
import dev.modelport.ota.DeviceProfile;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import dev.modelport.registry.support.BuildFixtures;
import dev.modelport.registry.support.Fixtures;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.SimPhone;
import dev.modelport.registry.trust.TrustFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole device flow on real parts: an OEM's platform builds (real quantizer jobs), a release and rollout through
 * the operator API, and the real OTA client (real HTTP, TUF verification against the platform root, A/B slots,
 * llama.cpp worker processes) installing build A, serving it, and hot-swapping to build B under continuous local API
 * load without a failed request. Nothing of the registry is mocked.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class OtaClientEndToEndTest {

    @TestHTTPResource("/")
    URL server;

    @TempDir
    Path tmp;

    @Test
    void phoneInstallsAThenSwapsToBUnderLoadWithoutAFailedRequest() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String model = Fixtures.model("oem", "BASE", "PRIVATE");
        String v1 = version(model, "1.0.0", Files.readAllBytes(TestModels.vectors().resolve("tiny-f32.gguf")));
        String v2 = version(model, "1.1.0", Files.readAllBytes(TestModels.changedF32()));
        JsonPath a = build(v1, phoneClass);
        JsonPath b = build(v2, phoneClass);
        String channel = channel("oem", model);
        String releaseA = release("oem", channel, v1, List.of(a.getString("id")), List.of("EU")).statusCode(201)
                .extract().path("id");
        rollout("oem", releaseA, cohort(List.of(phoneClass), List.of()), List.of(stage(100, 0, 1.0)), true)
                .statusCode(201);

        byte[] root = TrustFixtures.get("/device/v1/tuf/root.json");
        DeviceProfile profile = new DeviceProfile(phoneClass, "orion-x1", "DE", "Android 15", "llama.cpp-b4916");
        Path state = tmp.resolve("phone");
        try (OtaClient phone = OtaClient.builder()
                .serverUrl(server.toString())
                .trustedRoot(root)
                .identity(DeviceIdentity.enrollingWith(SimPhone.enrollmentToken("oem", 1)))
                .stateDir(state)
                .profile(profile)
                .runtime(TestDevices.llama(state))
                .minPoll(Duration.ofMillis(200))
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
                .build();
             LocalApiServer api = LocalApiServer.start(phone.inference(), 0, 16)) {
            CheckInOutcome first = phone.checkIn();
            assertThat(first.result()).as(first.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
            assertThat(first.buildDigest()).isEqualTo(a.getString("outputDigest"));
            assertThat(activeModel(api)).isEqualTo(a.getString("outputDigest"));

            LoadGenerator load = new LoadGenerator(api.port(), 4).start();
            Thread.sleep(1000);
            String releaseB = release("oem", channel, v2, List.of(b.getString("id")), List.of("EU")).statusCode(201)
                    .extract().path("id");
            String rolloutB = rollout("oem", releaseB, cohort(List.of(phoneClass), List.of()),
                    List.of(stage(100, 0, 1.0)), true).statusCode(201).extract().path("id");
            CheckInOutcome second = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(phone::checkIn, o -> o.result() != CheckInOutcome.Result.UP_TO_DATE);
            Thread.sleep(1000);
            load.close();

            assertThat(second.result()).as(second.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
            assertThat(load.failures).isEmpty();
            assertThat(load.answeredBy).containsKeys(a.getString("outputDigest"), b.getString("outputDigest"));
            assertThat(activeModel(api)).isEqualTo(b.getString("outputDigest"));

            // The phone's reports reached the registry: B's rollout counts it healthy.
            phone.flushReports();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    as("oem").get("/api/v1/rollouts/" + rolloutB).then().statusCode(200)
                            .body("stages[0].healthy", org.hamcrest.Matchers.equalTo(1)));
        }
    }

    private static String version(String model, String label, byte[] weights) {
        String digest = BuildFixtures.upload("oem", weights);
        as("oem").body(Map.of("version", label, "modelCard", "# " + model, "trainingData", "synthetic",
                        "artifacts", List.of(Map.of("digest", digest, "fileName", "weights.gguf"))))
                .post("/api/v1/models/" + model + "/versions").then().statusCode(201);
        String version = model + "@" + label;
        Fixtures.publish("oem", version).then().statusCode(200);
        return version;
    }

    private static JsonPath build(String version, String deviceClass) {
        String id = as("oem").body(Map.of("version", version, "deviceClass", deviceClass, "quantType", "Q8_0"))
                .post("/api/v1/builds").then().statusCode(202).extract().path("id");
        JsonPath build = awaitBuild("oem", id);
        assertThat(build.getString("status")).as(build.prettify()).isEqualTo("READY");
        return build;
    }

    private static String activeModel(LocalApiServer api) throws Exception {
        var data = new ObjectMapper().readTree(LoadGenerator.get(api.port(), "/v1/models")).path("data");
        assertThat(data).hasSize(1);
        return data.get(0).path("id").asText();
    }
}
