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
import static dev.modelport.registry.support.RegulatorFixtures.decide;
import static dev.modelport.registry.support.RegulatorFixtures.hold;
import static dev.modelport.registry.support.RegulatorFixtures.lift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestModels;
import dev.modelport.registry.support.Api;
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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regulator's decisions on real phones: two real OTA clients (one in CN, one in DE) against the running registry,
 * with platform builds A (1.0.0) and B (1.1.0) of one model released to CN and the EU. A release to CN is refused until
 * the CN regulator approves the filing; the CN phone's local API then names the filing number. A CN hold on 1.1.0 rolls
 * the CN phone back to A on its next check-in, and it keeps serving; the DE phone keeps B; lifting the hold brings B
 * back. One scenario, two phones: each real phone runs llama.cpp worker processes, so the test keeps them few.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class RegulatorOnPhonesEndToEndTest {

    private static final Duration CHECK_IN_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @TestHTTPResource("/")
    URL server;

    @Test
    void filingGatesTheReleaseAndAHoldInChinaRollsBackOnlyTheChinesePhoneUntilLifted() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String model = Fixtures.model("oem", "BASE", "PRIVATE");
        // Weights of their own: a build digest shared with another test's release would be that release's too.
        String v1 = publishedVersion("oem", model, "1.0.0", Files.readAllBytes(TestModels.variantF32("regulator-a",
                Set.of("blk.0.ffn_up.weight"))));
        String v2 = publishedVersion("oem", model, "1.1.0", Files.readAllBytes(TestModels.variantF32("regulator-b",
                Set.of("blk.1.ffn_up.weight"))));
        JsonPath a = platformBuild("oem", v1, phoneClass, "Q8_0");
        JsonPath b = platformBuild("oem", v2, phoneClass, "Q8_0");
        String digestA = a.getString("outputDigest");
        String digestB = b.getString("outputDigest");
        String channel = channel("oem", model);
        List<String> regions = List.of("CN", "EU");

        // Filing gates distribution: no release to CN without an approved filing.
        release("oem", channel, v1, List.of(a.getString("id")), regions).statusCode(422)
                .body("code", equalTo("FILING_REQUIRED"));
        String number = Api.unique("CN-F");
        String filing = as("oem").body(Map.of("jurisdiction", "CN", "filingNumber", number,
                "versions", List.of(v1, v2))).post("/api/v1/filings").then().statusCode(201).extract().path("id");
        release("oem", channel, v1, List.of(a.getString("id")), regions).statusCode(422)
                .body("code", equalTo("FILING_REQUIRED"));
        decide("regulator", filing, "approve", "security assessment passed").then().statusCode(200);
        String releaseA = release("oem", channel, v1, List.of(a.getString("id")), regions).statusCode(201)
                .body("filings.CN", equalTo(number)).extract().path("id");
        rollout("oem", releaseA, cohort(List.of(phoneClass), List.of()), List.of(stage(100, 0, 1.0)), true)
                .statusCode(201);

        try (RealPhone cn = RealPhone.start(server, "oem", phoneClass, "CN", tmp.resolve("cn"));
             RealPhone de = RealPhone.start(server, "oem", phoneClass, "DE", tmp.resolve("de"))) {
            for (RealPhone phone : List.of(cn, de)) {
                CheckInOutcome first = phone.checkIn();
                assertThat(first.result()).as(first.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
                assertThat(first.buildDigest()).isEqualTo(digestA);
            }
            // The phone shows which filed model it serves: the filing for its region.
            assertThat(cn.activeModel().path("id").asText()).isEqualTo(digestA);
            assertThat(cn.activeModel().path("filing").path("jurisdiction").asText()).isEqualTo("CN");
            assertThat(cn.activeModel().path("filing").path("number").asText()).isEqualTo(number);
            assertThat(de.activeModel().path("filing").isNull()).as("no filing applies in DE").isTrue();

            String releaseB = release("oem", channel, v2, List.of(b.getString("id")), regions).statusCode(201)
                    .extract().path("id");
            rollout("oem", releaseB, cohort(List.of(phoneClass), List.of()), List.of(stage(100, 0, 1.0)), true)
                    .statusCode(201);
            for (RealPhone phone : List.of(cn, de)) {
                CheckInOutcome toB = nextChange(phone);
                assertThat(toB.result()).as(toB.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
                assertThat(phone.activeModel().path("id").asText()).isEqualTo(digestB);
            }

            // The CN regulator holds 1.1.0 in CN: the CN phone goes back to A and keeps serving; DE keeps B.
            String holdId = hold("regulator", v2, "CN", "complaints under investigation").then().statusCode(201)
                    .extract().path("id");
            CheckInOutcome back = nextChange(cn);
            assertThat(back.action()).as(back.detail()).isEqualTo(dev.modelport.ota.DeviceApi.Action.ROLLBACK);
            assertThat(back.result()).as(back.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
            assertThat(back.buildDigest()).isEqualTo(digestA);
            assertThat(cn.activeModel().path("id").asText()).isEqualTo(digestA);
            assertThat(cn.activeModel().path("filing").path("number").asText()).isEqualTo(number);
            LoadGenerator load = cn.serve(Duration.ofSeconds(2));
            assertThat(load.failures).isEmpty();
            assertThat(load.answeredBy).containsOnlyKeys(digestA);
            CheckInOutcome deAfterHold = de.checkIn();
            assertThat(deAfterHold.result()).as(deAfterHold.detail()).isEqualTo(CheckInOutcome.Result.UP_TO_DATE);
            assertThat(de.activeModel().path("id").asText()).isEqualTo(digestB);

            // The rollback report reached the registry: the fleet shows it, and the CN view counts the phone on A.
            cn.client.flushReports();
            await().atMost(CHECK_IN_WAIT).untilAsserted(() -> {
                List<Map<String, Object>> byBuild = as("oem").queryParam("owner", "orion-mobile")
                        .get("/api/v1/fleet").then().statusCode(200).extract().jsonPath().getList("byBuild");
                assertThat(byBuild).anySatisfy(r -> assertThat(r).containsEntry("buildDigest", digestA)
                        .containsEntry("status", "ROLLED_BACK"));
            });
            JsonPath view = as("regulator").queryParam("limit", 200).get("/api/v1/jurisdictions/CN/models").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(view.getInt("items.find { it.version == '" + v1 + "' }.devices")).isEqualTo(1);
            assertThat(view.getInt("items.find { it.version == '" + v2 + "' }.devices")).isZero();
            assertThat(view.getBoolean("items.find { it.version == '" + v2 + "' }.held")).isTrue();

            // Lifting the hold restores B on the CN phone.
            lift("regulator", holdId, "investigation closed").then().statusCode(200);
            CheckInOutcome restored = nextChange(cn);
            assertThat(restored.result()).as(restored.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
            assertThat(restored.buildDigest()).isEqualTo(digestB);
            assertThat(cn.activeModel().path("id").asText()).isEqualTo(digestB);
        }
    }

    /** Checks in until the answer is something other than "up to date" (the registry's snapshot may lag a moment). */
    private static CheckInOutcome nextChange(RealPhone phone) {
        return await().atMost(CHECK_IN_WAIT).pollInterval(Duration.ofMillis(300))
                .until(phone::checkIn, o -> o.result() != CheckInOutcome.Result.UP_TO_DATE);
    }
}
