package dev.modelport.registry.rollout;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.cohort;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.Distribution.release;
import static dev.modelport.registry.support.Distribution.rollout;
import static dev.modelport.registry.support.Distribution.stage;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.SimPhone;
import dev.modelport.registry.support.TestBuilds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A release going out in stages to simulated phones that enroll, check in and report through the real device API:
 * the 1% stage passes its rule and advances by itself, the 10% stage's failures halt it by itself, a rollback sends
 * the updated phones back, and phones outside the cohort never get the build.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class StagedRolloutScenarioTest {

    @Inject
    TestBuilds builds;

    @Test
    void stagesAdvanceOnHealthHaltOnFailuresAndRollBack() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String otherClass = deviceClass();
        String v1 = publishedModel("oem", "BASE", "PRIVATE");
        String model = modelOf(v1);
        String v2 = draft("oem", model, "1.1.0");
        publish("oem", v2).then().statusCode(200);
        TestBuilds.Made b1 = builds.readySignedBuild("oem", v1, phoneClass, "Q4_0");
        TestBuilds.Made b1other = builds.readySignedBuild("oem", v1, otherClass, "Q4_0");
        TestBuilds.Made b2 = builds.readySignedBuild("oem", v2, phoneClass, "Q4_0");
        String channel = channel("oem", model);

        // Release 1 is out everywhere in the cohort (one stage of 100%, advanced by hand).
        String r1 = release("oem", channel, v1, List.of(b1.id(), b1other.id()), List.of("DE", "FR")).statusCode(201)
                .body("status", equalTo("PUBLISHED")).extract().path("id");
        String first = rollout("oem", r1, cohort(List.of(phoneClass), List.of("DE")),
                List.of(stage(100, 0, 1.0)), false).statusCode(201).extract().path("id");
        as("oem").post("/api/v1/rollouts/" + first + "/advance").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));

        // Release 2 goes out in stages: 1% (one healthy), 10% (three healthy, at most 20% failures), 100%.
        String r2 = release("oem", channel, v2, List.of(b2.id()), List.of("DE", "FR")).statusCode(201)
                .extract().path("id");
        String second = rollout("oem", r2, cohort(List.of(phoneClass), List.of("DE")),
                List.of(stage(1, 1, 0.5), stage(10, 3, 0.2), stage(100, 10, 0.2)), true).statusCode(201)
                .body("previousRolloutId", equalTo(first)).extract().path("id");
        UUID rolloutId = UUID.fromString(second);

        String enrollment = SimPhone.enrollmentToken("oem", 5000);
        Supplier<SimPhone> onRelease1 = () -> SimPhone.enroll(enrollment, phoneClass, "orion-x1", "DE", "14")
                .installed(b1.digest());
        SimPhone pioneer = find(onRelease1, rolloutId, b -> b < 100);
        List<SimPhone> tenPercent = new ArrayList<>();
        while (tenPercent.size() < 4) {
            tenPercent.add(find(onRelease1, rolloutId, b -> b >= 100 && b < 1000));
        }
        SimPhone later = find(onRelease1, rolloutId, b -> b >= 1000);

        // Stage 1: only the 1% phone is offered release 2, as a delta from what it has.
        pioneer.checkin().statusCode(200).body("action", equalTo("UPDATE"))
                .body("target.digest", equalTo(b2.digest())).body("target.length", equalTo((int) b2.length()))
                .body("tuf.repository", equalTo("device/v1/tuf/orion-mobile/" + channelName(channel) + "/"))
                .body("tuf.targetPath", equalTo("orion-mobile/" + model.substring(model.indexOf('/') + 1)
                        + "-1.1.0-" + phoneClass + "-q4_0.gguf"))
                .body("delta.fromDigest", equalTo(b1.digest())).body("filing", nullValue());
        tenPercent.get(0).checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));
        later.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));

        // Its healthy install passes stage 1's rule; the rollout advances by itself.
        pioneer.installed(b2.digest()).reportInstall(b2.digest(), null);
        await().atMost(Duration.ofSeconds(15)).until(() -> as("oem").get("/api/v1/rollouts/" + second).then()
                .extract().<Integer>path("currentStage") == 1);
        as("oem").get("/api/v1/rollouts/" + second).then().body("status", equalTo("RUNNING"))
                .body("stages[0].healthy", equalTo(1)).body("stages[0].state", equalTo("DONE"));

        // Stage 2: the 10% phones are offered it; three fail their health check, which breaks the 20% rule.
        for (SimPhone phone : tenPercent) {
            assertThat(phone.checkinAndInstall()).isEqualTo("UPDATE");
        }
        later.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));
        for (int i = 0; i < 3; i++) {
            tenPercent.get(i).reportInstall(b2.digest(), "HEALTH_CHECK_FAILED: no tokens within 60 s");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> "HALTED".equals(as("oem")
                .get("/api/v1/rollouts/" + second).then().extract().path("status")));
        as("oem").get("/api/v1/rollouts/" + second).then().body("currentStage", equalTo(1))
                .body("stages[1].failed", equalTo(3)).body("haltReason", org.hamcrest.Matchers.containsString(
                        "failure rate"));
        as("oem").queryParam("rollout", second).get("/api/v1/fleet/failures").then().statusCode(200)
                .body("[0].reasonCode", equalTo("HEALTH_CHECK_FAILED")).body("[0].devices", equalTo(3));
        // Halted: nobody new is offered the release.
        SimPhone lateTen = find(onRelease1, rolloutId, b -> b >= 100 && b < 1000);
        lateTen.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));

        // Rollback: phones on release 2 are sent back to release 1's build; the rest stay.
        as("oem").post("/api/v1/rollouts/" + second + "/rollback").then().statusCode(200)
                .body("status", equalTo("ROLLED_BACK"));
        pioneer.checkin().statusCode(200).body("action", equalTo("ROLLBACK"))
                .body("target.digest", equalTo(b1.digest()));
        tenPercent.get(3).checkin().statusCode(200).body("action", equalTo("ROLLBACK"));
        later.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));
        as("oem").get("/api/v1/rollouts/" + first).then().body("status", equalTo("COMPLETED"));

        // Outside the cohort: another device class, another region, no device class at all.
        SimPhone fresh = SimPhone.enroll(enrollment, phoneClass, "orion-x1", "DE", "14");
        fresh.checkin().statusCode(200).body("action", equalTo("UPDATE")).body("target.digest", equalTo(b1.digest()));
        SimPhone.enroll(enrollment, otherClass, "orion-x1", "DE", "14").checkin().statusCode(200)
                .body("action", equalTo("NO_UPDATE"));
        SimPhone.enroll(enrollment, phoneClass, "orion-x1", "FR", "14").checkin().statusCode(200)
                .body("action", equalTo("NO_UPDATE"));
        SimPhone.enroll(enrollment, phoneClass, "orion-x1", "CN", "14").checkin().statusCode(200)
                .body("action", equalTo("NO_UPDATE"));
        SimPhone.enroll(enrollment, null, "orion-x1", "DE", "14").checkin().statusCode(200)
                .body("action", equalTo("NO_UPDATE"));

        // The fleet view counts devices per build and status.
        as("oem").get("/api/v1/fleet").then().statusCode(200)
                .body("byBuild.find { it.buildDigest == '" + b2.digest() + "' && it.status == 'FAILED' }.devices",
                        equalTo(3));
        // Every change is in the audit trail, the automatic ones by the rule evaluator.
        List<String> actions = as("oem").queryParam("object", "rollout:" + second).get("/api/v1/audit/events").then()
                .statusCode(200).extract().jsonPath().getList("items.action");
        assertThat(actions).contains("rollout.started", "rollout.advanced", "rollout.halted", "rollout.rolled-back");
    }

    /** Enrolls phones until one's bucket in the rollout matches. */
    private static SimPhone find(Supplier<SimPhone> enroll, UUID rollout, IntPredicate bucket) {
        for (int i = 0; i < 3000; i++) {
            SimPhone phone = enroll.get();
            if (bucket.test(Bucketing.bucket(rollout, phone.deviceId()))) {
                return phone;
            }
        }
        throw new AssertionError("no phone in the wanted bucket after 3000 enrollments");
    }

    private static String channelName(String channelId) {
        return as("oem").get("/api/v1/channels/" + channelId).then().extract().path("name");
    }
}
