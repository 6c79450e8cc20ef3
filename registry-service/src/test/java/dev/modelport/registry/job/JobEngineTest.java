package dev.modelport.registry.job;

import static dev.modelport.registry.support.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The job machinery on real Quartz, clustered on the real PostgreSQL. Jobs are submitted through the service (the
 * build feature is their API); their state is read through the REST API as the owner and others see it.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class JobEngineTest {

    @Inject
    JobService jobs;

    @Inject
    OrgService orgs;

    private UUID submitForOrion(String kind, String params) {
        Api.ensureSeeded();
        return jobs.submit(kind, orgs.get("orion-mobile").id(), params);
    }

    @Test
    void jobRunsReportsProgressAndSucceeds() {
        UUID id = submitForOrion("test.counting", "1000000");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("oem").get("/api/v1/jobs/" + id).then().statusCode(200).body("state", equalTo("SUCCEEDED")));
        as("oem").get("/api/v1/jobs/" + id).then()
                .body("progressPercent", equalTo(100.0f))
                .body("bytesDone", equalTo(1000000))
                .body("attempts", equalTo(1))
                .body("result", equalTo("{\"counted\":1000000}"));
        as("oem").get("/api/v1/jobs").then().statusCode(200).body("items.id", hasItem(id.toString()));
    }

    @Test
    void failingJobRecordsItsErrorCode() {
        UUID id = submitForOrion("test.refusing", "bad recipe");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("oem").get("/api/v1/jobs/" + id).then().body("state", equalTo("FAILED")));
        as("oem").get("/api/v1/jobs/" + id).then()
                .body("errorCode", equalTo("VALIDATION_FAILED"))
                .body("errorDetail", equalTo("refused: bad recipe"));
    }

    @Test
    void anotherTenantCannotSeeTheJob() {
        UUID id = submitForOrion("test.counting", "10");
        as("oem2").get("/api/v1/jobs/" + id).then().statusCode(403);
        as("oem2").queryParam("owner", "orion-mobile").get("/api/v1/jobs").then().statusCode(403);
        as("regulator").get("/api/v1/jobs/" + id).then().statusCode(200);
    }
}
