package dev.modelport.registry.rollout;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.cohort;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.Distribution.release;
import static dev.modelport.registry.support.Distribution.rollout;
import static dev.modelport.registry.support.Fixtures.modelOf;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator resumes a halted rollout after looking into its failures: the stage's rule judges what devices report
 * after the resume, so the failures that halted it do not halt it again, while new failures still do.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class ResumeAfterHaltTest {

    @Inject
    TestBuilds builds;

    @Test
    void aResumedRolloutIsJudgedOnOutcomesReportedAfterTheResume() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String version = publishedModel("oem", "BASE", "PRIVATE");
        TestBuilds.Made build = builds.readySignedBuild("oem", version, phoneClass, "Q4_0");
        String release = release("oem", channel("oem", modelOf(version)), version, List.of(build.id()),
                List.of("DE")).statusCode(201).extract().path("id");
        // One stage: two healthy installs complete it, any failure (from the first outcome on) halts it.
        String id = rollout("oem", release, cohort(List.of(phoneClass), List.of("DE")),
                List.of(Map.of("percent", 100, "minHealthy", 2, "maxFailureRate", 0.0, "minSamples", 1)), true)
                .statusCode(201).body("rulesSince", nullValue()).extract().path("id");
        String enrollment = SimPhone.enrollmentToken("oem", 10);

        phone(enrollment, phoneClass).reportInstall(build.digest(), "HEALTH_CHECK_FAILED: no tokens");
        awaitStatus(id, "HALTED");

        String resumedAt = as("oem").post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200)
                .body("status", equalTo("RUNNING")).body("stages[0].failed", equalTo(1)).extract().path("rulesSince");
        phone(enrollment, phoneClass).reportInstall(build.digest(), null);
        phone(enrollment, phoneClass).reportInstall(build.digest(), null);
        // Before the fix the earlier failure (1 of 3 outcomes) halted it again at once.
        assertThat(awaitStatus(id, "COMPLETED")).isEqualTo("COMPLETED");
        as("oem").get("/api/v1/rollouts/" + id).then().body("stages[0].healthy", equalTo(2))
                .body("stages[0].failed", equalTo(1)).body("rulesSince", equalTo(resumedAt));
        assertThat(resumedAt).isNotNull();
    }

    @Test
    void aNewFailureAfterTheResumeHaltsItAgain() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String version = publishedModel("oem", "BASE", "PRIVATE");
        TestBuilds.Made build = builds.readySignedBuild("oem", version, phoneClass, "Q4_0");
        String release = release("oem", channel("oem", modelOf(version)), version, List.of(build.id()),
                List.of("DE")).statusCode(201).extract().path("id");
        String id = rollout("oem", release, cohort(List.of(phoneClass), List.of("DE")),
                List.of(Map.of("percent", 100, "minHealthy", 5, "maxFailureRate", 0.0, "minSamples", 1)), true)
                .statusCode(201).extract().path("id");
        String enrollment = SimPhone.enrollmentToken("oem", 10);
        phone(enrollment, phoneClass).reportInstall(build.digest(), "HEALTH_CHECK_FAILED: no tokens");
        awaitStatus(id, "HALTED");
        as("oem").post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);

        phone(enrollment, phoneClass).reportInstall(build.digest(), "OUT_OF_MEMORY: load failed");
        awaitStatus(id, "HALTED");
        as("oem").get("/api/v1/rollouts/" + id).then()
                .body("haltReason", org.hamcrest.Matchers.containsString("1 FAILED of 1 outcomes"));
    }

    private static SimPhone phone(String enrollment, String phoneClass) {
        return SimPhone.enroll(enrollment, phoneClass, "orion-x1", "DE", "14");
    }

    /** Waits until the rollout leaves RUNNING and returns the state it reached. */
    private static String awaitStatus(String id, String expected) {
        String[] seen = new String[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            seen[0] = as("oem").get("/api/v1/rollouts/" + id).then().extract().path("status");
            return !"RUNNING".equals(seen[0]);
        });
        assertThat(seen[0]).isEqualTo(expected);
        return seen[0];
    }
}
