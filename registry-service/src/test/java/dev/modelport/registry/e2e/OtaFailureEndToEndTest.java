package dev.modelport.registry.e2e;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.RealPhones.activeModel;
import static dev.modelport.registry.support.RealPhones.awaitRollout;
import static dev.modelport.registry.support.RealPhones.checkInUntil;
import static dev.modelport.registry.support.RealPhones.platformBuild;
import static dev.modelport.registry.support.RealPhones.releaseAndRollOut;
import static dev.modelport.registry.support.RealPhones.uploadedBuild;
import static dev.modelport.registry.support.RealPhones.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.FailureCode;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestModels;
import dev.modelport.registry.support.Fixtures;
import dev.modelport.registry.support.RealPhones;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What must not reach a phone's users, on real parts: one phone (real OTA client, llama.cpp worker processes) serving
 * build A behind a mirror of the real registry is offered, in turn, a build that loads but fails the smoke test and
 * one llama.cpp cannot load (uploaded builds with a declared derivation: the platform quantizer would never make
 * them), each on a rollout allowing no failure; then a healthy build B, served by the mirror with other bytes, with
 * endless bytes, and with a replayed older timestamp. Every time A keeps answering the local API without a failed
 * request, the registry learns the precise reason, and the zero-failure rollouts halt by themselves. Finally the
 * honest mirror lets B in.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class OtaFailureEndToEndTest {

    @TestHTTPResource("/")
    URL server;

    @TempDir
    Path tmp;

    @Test
    void unhealthyBuildsAndMirrorAttacksLeaveAServingAndReachTheRegistryAsFailures() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String model = Fixtures.model("oem", "BASE", "PRIVATE");
        byte[] tinyF32 = Files.readAllBytes(TestModels.vectors().resolve("tiny-f32.gguf"));
        String inputDigest = RealPhones.upload("oem", tinyF32);
        String v1 = version("oem", model, "1.0.0", tinyF32);
        String vEmpty = version("oem", model, "1.0.1", tinyF32);
        String vBroken = version("oem", model, "1.0.2", tinyF32);
        String v2 = version("oem", model, "1.1.0", tinyF32);
        JsonPath a = platformBuild("oem", v1, phoneClass);
        // B is TestModels' build C, uploaded: the registry attributes a report to a rollout by build digest, and the
        // platform builds of changedF32 are released by the other end-to-end tests in this JVM as well.
        JsonPath b = uploadedBuild("oem", v2, phoneClass, Files.readAllBytes(TestModels.buildC()), inputDigest);
        JsonPath empty = uploadedBuild("oem", vEmpty, phoneClass,
                Files.readAllBytes(TestModels.emptyOutputBuild()), inputDigest);
        JsonPath broken = uploadedBuild("oem", vBroken, phoneClass,
                Files.readAllBytes(TestModels.unloadableBuild()), inputDigest);
        assertThat(empty.getString("derivation")).isEqualTo("DECLARED");
        String digestA = a.getString("outputDigest");
        String channel = channel("oem", model);
        String rolloutA = releaseAndRollOut("oem", channel, v1, a.getString("id"), phoneClass, 0, 1.0);

        Path state = tmp.resolve("phone");
        try (MaliciousMirror mirror = new MaliciousMirror(server);
             OtaClient phone = RealPhones.phone(mirror.url(), phoneClass, state).build();
             LocalApiServer api = LocalApiServer.start(phone.inference(), 0, 16)) {
            CheckInOutcome first = phone.checkIn();
            assertThat(first.result()).as(first.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
            assertThat(activeModel(api)).isEqualTo(digestA);
            phone.flushReports();
            awaitRollout("oem", rolloutA, "COMPLETED");

            LoadGenerator load = new LoadGenerator(api.port(), 3).start();
            try {
                // 1. Unhealthy builds on rollouts that tolerate no failure.
                String emptyRollout = releaseAndRollOut("oem", channel, vEmpty, empty.getString("id"), phoneClass,
                        1, 0.0);
                refused(phone, api, digestA, emptyRollout, FailureCode.HEALTH_CHECK_FAILED);
                awaitRollout("oem", emptyRollout, "HALTED");
                as("oem").post("/api/v1/rollouts/" + emptyRollout + "/rollback").then().statusCode(200);

                String brokenRollout = releaseAndRollOut("oem", channel, vBroken, broken.getString("id"), phoneClass,
                        1, 0.0);
                refused(phone, api, digestA, brokenRollout, FailureCode.LOAD_FAILED);
                JsonPath halted = awaitRollout("oem", brokenRollout, "HALTED");
                assertThat(halted.getInt("stages[0].failed")).isEqualTo(1);
                as("oem").post("/api/v1/rollouts/" + brokenRollout + "/rollback").then().statusCode(200);

                // 2. Healthy B, but through a mirror that lies; failures are tolerated so the rollout stays up.
                String rolloutB = releaseAndRollOut("oem", channel, v2, b.getString("id"), phoneClass, 1, 1.0);
                mirror.reset(MaliciousMirror.Mode.WRONG_BYTES);
                refused(phone, api, digestA, rolloutB, FailureCode.TARGET_BAD_HASH);
                mirror.reset(MaliciousMirror.Mode.ENDLESS);
                refused(phone, api, digestA, rolloutB, FailureCode.TARGET_BAD_LENGTH);
                assertThat(mirror.blobBytesSent.get()).as("the device cut the endless answer off")
                        .isLessThan(16L << 20);
                mirror.reset(MaliciousMirror.Mode.OLD_TIMESTAMP);
                refused(phone, api, digestA, rolloutB, FailureCode.TUF_ROLLBACK);

                // 3. The honest mirror: B installs.
                mirror.reset(MaliciousMirror.Mode.HONEST);
                CheckInOutcome honest = checkInUntil(phone, o -> o.result() != CheckInOutcome.Result.FAILED);
                assertThat(honest.result()).as(honest.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
                assertThat(activeModel(api)).isEqualTo(b.getString("outputDigest"));
            } finally {
                load.close();
            }
            assertThat(load.failures).as("local API requests that failed").isEmpty();
            assertThat(load.answeredBy).containsKey(digestA);
        }
    }

    /** The phone refuses what it is offered with {@code code}; A keeps serving; the registry has the reason. */
    private static void refused(OtaClient phone, LocalApiServer api, String digestA, String rollout, FailureCode code)
            throws Exception {
        CheckInOutcome o = checkInUntil(phone, r -> r.result() != CheckInOutcome.Result.UP_TO_DATE);
        assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.FAILED);
        assertThat(o.detail()).startsWith(code.name() + ": ");
        assertThat(activeModel(api)).isEqualTo(digestA);
        assertThat(phone.inference().active().buildDigest()).isEqualTo(digestA);
        System.out.println("real registry, refused with " + o.detail());
        phone.flushReports();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(as("oem").queryParam("rollout", rollout).get("/api/v1/fleet/failures").then()
                        .statusCode(200).extract().jsonPath().getList("reasonCode", String.class))
                        .contains(code.name()));
    }
}
