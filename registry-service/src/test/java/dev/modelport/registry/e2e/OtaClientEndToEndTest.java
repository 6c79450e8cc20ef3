package dev.modelport.registry.e2e;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.BuildFixtures.platformBuild;
import static dev.modelport.registry.support.BuildFixtures.publishedVersion;
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
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestModels;
import dev.modelport.registry.support.Fixtures;
import dev.modelport.registry.support.RealPhone;
import dev.modelport.registry.support.RealStack;
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
        String v1 = publishedVersion("oem", model, "1.0.0",
                Files.readAllBytes(TestModels.vectors().resolve("tiny-f32.gguf")));
        String v2 = publishedVersion("oem", model, "1.1.0", Files.readAllBytes(TestModels.changedF32()));
        JsonPath a = platformBuild("oem", v1, phoneClass, "Q8_0");
        JsonPath b = platformBuild("oem", v2, phoneClass, "Q8_0");
        String channel = channel("oem", model);
        String releaseA = release("oem", channel, v1, List.of(a.getString("id")), List.of("EU")).statusCode(201)
                .extract().path("id");
        rollout("oem", releaseA, cohort(List.of(phoneClass), List.of()), List.of(stage(100, 0, 1.0)), true)
                .statusCode(201);

        try (RealPhone real = RealPhone.start(server, "oem", phoneClass, "DE", tmp.resolve("phone"))) {
            OtaClient phone = real.client;
            LocalApiServer api = real.api;
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

    private static String activeModel(LocalApiServer api) throws Exception {
        var data = new ObjectMapper().readTree(LoadGenerator.get(api.port(), "/v1/models")).path("data");
        assertThat(data).hasSize(1);
        return data.get(0).path("id").asText();
    }
}
