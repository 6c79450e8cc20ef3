package dev.modelport.registry.rollout;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.Distribution.release;
import static dev.modelport.registry.support.Distribution.rollout;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.SimPhone;
import dev.modelport.registry.support.TestBuilds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same bytes released on two channels (stable for one phone model, beta for another): each phone's reports
 * count towards the rollout that offered it the build, so one channel's failures halt only that channel's rollout.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class SharedBuildAttributionTest {

    @Inject
    TestBuilds builds;

    @Test
    void reportsAboutASharedBuildCountTowardsTheRolloutThatOfferedIt() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String version = publishedModel("oem", "BASE", "PRIVATE");
        TestBuilds.Made build = builds.readySignedBuild("oem", version, phoneClass, "Q4_0");
        String stable = channel("oem", modelOf(version));
        String beta = channel("oem", modelOf(version));
        String onStable = startRollout(stable, version, build, "orion-s1");
        String onBeta = startRollout(beta, version, build, "orion-b1");

        String enrollment = SimPhone.enrollmentToken("oem", 10);
        SimPhone stablePhone = SimPhone.enroll(enrollment, phoneClass, "orion-s1", "DE", "14");
        SimPhone betaPhone = SimPhone.enroll(enrollment, phoneClass, "orion-b1", "DE", "14");
        stablePhone.checkin().statusCode(200).body("action", equalTo("UPDATE"))
                .body("target.digest", equalTo(build.digest()));
        betaPhone.checkin().statusCode(200).body("action", equalTo("UPDATE"))
                .body("target.digest", equalTo(build.digest()));

        stablePhone.installed(build.digest()).reportInstall(build.digest(), null);
        betaPhone.reportInstall(build.digest(), "HEALTH_CHECK_FAILED: no tokens within 60 s");

        // Beta's one failure breaks beta's rule; stable, with one healthy of two needed, keeps running.
        await().atMost(Duration.ofSeconds(15)).until(() -> "HALTED".equals(as("oem")
                .get("/api/v1/rollouts/" + onBeta).then().extract().path("status")));
        as("oem").get("/api/v1/rollouts/" + onBeta).then().body("stages[0].failed", equalTo(1))
                .body("stages[0].healthy", equalTo(0));
        as("oem").get("/api/v1/rollouts/" + onStable).then().body("status", equalTo("RUNNING"))
                .body("stages[0].healthy", equalTo(1)).body("stages[0].failed", equalTo(0));
        as("oem").queryParam("rollout", onStable).get("/api/v1/fleet/failures").then().statusCode(200)
                .body("size()", equalTo(0));
        as("oem").queryParam("rollout", onBeta).get("/api/v1/fleet/failures").then().statusCode(200)
                .body("[0].devices", equalTo(1));
    }

    /** One stage of 100 % for one phone model: advances at two healthy, halts at the first failure. */
    private static String startRollout(String channel, String version, TestBuilds.Made build, String phoneModel) {
        String release = release("oem", channel, version, List.of(build.id()), List.of("DE")).statusCode(201)
                .extract().path("id");
        Map<String, Object> cohort = new HashMap<>();
        cohort.put("deviceModels", List.of(phoneModel));
        cohort.put("regions", List.of("DE"));
        return rollout("oem", release, cohort, List.of(Map.of("percent", 100, "minHealthy", 2,
                "maxFailureRate", 0.0, "minSamples", 1)), true).statusCode(201).extract().path("id");
    }
}
