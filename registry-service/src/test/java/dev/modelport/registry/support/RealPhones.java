package dev.modelport.registry.support;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.BuildFixtures.awaitBuild;
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
import dev.modelport.registry.trust.TrustFixtures;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Real phones against the real registry: versions, platform and uploaded builds, rollouts, and a configured (not yet
 * built) {@link OtaClient} with llama.cpp worker processes, enrolled with the OEM's real enrollment token.
 */
public final class RealPhones {

    private RealPhones() {
    }

    /**
     * Uploads {@code gguf} unless this organisation already completed an upload of the same bytes (the upload API
     * then answers with that session); returns its digest.
     */
    public static String upload(String user, byte[] gguf) {
        String digest = TinyLlama.digest(gguf);
        JsonPath started = as(user).body(Map.of("sha256", digest, "size", gguf.length)).post("/api/v1/uploads")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().jsonPath();
        if ("OPEN".equals(started.getString("status"))) {
            int committed = (int) started.getLong("committed");
            Fixtures.appendChunk(user, started.getString("id"), committed,
                            java.util.Arrays.copyOfRange(gguf, committed, gguf.length)).then()
                    .statusCode(204);
            as(user).put("/api/v1/uploads/" + started.getString("id") + "/complete").then().statusCode(200);
        }
        return digest;
    }

    /** Publishes {@code label} of {@code model} with {@code weights} as its one artifact; returns the version. */
    public static String version(String user, String model, String label, byte[] weights) {
        String digest = upload(user, weights);
        as(user).body(Map.of("version", label, "modelCard", "# " + model, "trainingData", "synthetic",
                        "artifacts", List.of(Map.of("digest", digest, "fileName", "weights.gguf"))))
                .post("/api/v1/models/" + model + "/versions").then().statusCode(201);
        String version = model + "@" + label;
        Fixtures.publish(user, version).then().statusCode(200);
        return version;
    }

    /** A platform build (the quantize job) of {@code version} in Q8_0, awaited until READY. */
    public static JsonPath platformBuild(String user, String version, String deviceClass) {
        return platformBuild(user, version, deviceClass, "Q8_0");
    }

    public static JsonPath platformBuild(String user, String version, String deviceClass, String quantType) {
        String id = as(user).body(Map.of("version", version, "deviceClass", deviceClass, "quantType", quantType))
                .post("/api/v1/builds").then().statusCode(202).extract().path("id");
        JsonPath build = awaitBuild(user, id);
        assertThat(build.getString("status")).as(build.prettify()).isEqualTo("READY");
        return build;
    }

    /**
     * A build made elsewhere ({@code POST /api/v1/builds/uploads}, derivation DECLARED): how a deliberately broken
     * GGUF that the platform quantizer would never produce reaches a release.
     */
    public static JsonPath uploadedBuild(String user, String version, String deviceClass, byte[] gguf,
                                         String inputDigest) {
        String digest = upload(user, gguf);
        return as(user).body(Map.of("version", version, "deviceClass", deviceClass, "quantType", "Q8_0",
                        "digest", digest, "inputDigest", inputDigest))
                .post("/api/v1/builds/uploads").then().statusCode(201).extract().jsonPath();
    }

    /** Releases {@code build} of {@code version} on {@code channel} and rolls it out to the class in one stage. */
    public static String releaseAndRollOut(String user, String channel, String version, String build,
                                           String deviceClass, int minHealthy, double maxFailureRate) {
        String release = Distribution.release(user, channel, version, List.of(build), List.of("EU")).statusCode(201)
                .extract().path("id");
        return Distribution.rollout(user, release, Distribution.cohort(List.of(deviceClass), List.of()),
                List.of(Distribution.stage(100, minHealthy, maxFailureRate)), true).statusCode(201).extract()
                .path("id");
    }

    public static JsonPath awaitRollout(String user, String rollout, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> as(user).get("/api/v1/rollouts/" + rollout).then().statusCode(200).extract().jsonPath(),
                        r -> status.equals(r.getString("status")));
    }

    /** An Orion phone of {@code deviceClass} in Germany talking to {@code serverUrl}, its state in {@code state}. */
    public static OtaClient.Builder phone(String serverUrl, String deviceClass, Path state) throws IOException {
        DeviceProfile profile = new DeviceProfile(deviceClass, "orion-x1", "DE", "Android 15", "llama.cpp-b4916");
        return OtaClient.builder()
                .serverUrl(serverUrl)
                .trustedRoot(TrustFixtures.get("/device/v1/tuf/root.json"))
                .identity(DeviceIdentity.enrollingWith(SimPhone.enrollmentToken("oem", 1)))
                .stateDir(state)
                .profile(profile)
                .runtime(TestDevices.llama(state))
                .minPoll(Duration.ofMillis(200))
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** Checks in until the phone does something other than nothing (the check-in snapshot follows a commit). */
    public static CheckInOutcome checkInUntil(OtaClient phone, Predicate<CheckInOutcome> done) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(phone::checkIn, done::test);
    }

    /** The one model the local API names ({@code GET /v1/models}). */
    public static String activeModel(LocalApiServer api) throws Exception {
        var data = new ObjectMapper().readTree(LoadGenerator.get(api.port(), "/v1/models")).path("data");
        assertThat(data).hasSize(1);
        return data.get(0).path("id").asText();
    }
}
