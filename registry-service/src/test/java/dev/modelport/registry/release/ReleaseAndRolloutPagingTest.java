package dev.modelport.registry.release;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.cohort;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.Distribution.release;
import static dev.modelport.registry.support.Distribution.rollout;
import static dev.modelport.registry.support.Distribution.stage;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.TestBuilds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A channel's releases and rollouts are listed in cursor pages, newest first, like the other lists. */
@QuarkusTest
@WithTestResource(RealStack.class)
class ReleaseAndRolloutPagingTest {

    @Inject
    TestBuilds builds;

    @Test
    void releasesAndRolloutsOfAChannelArePagedNewestFirst() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String version = publishedModel("oem", "BASE", "PRIVATE");
        TestBuilds.Made build = builds.readySignedBuild("oem", version, phoneClass, "Q4_0");
        String channel = channel("oem", modelOf(version));
        List<String> releases = new ArrayList<>();
        List<String> rollouts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String release = release("oem", channel, version, List.of(build.id()), List.of("DE")).statusCode(201)
                    .extract().path("id");
            releases.add(0, release);
            String rollout = rollout("oem", release, cohort(List.of(phoneClass), List.of("DE")),
                    List.of(stage(100, 1, 0.5)), false).statusCode(201).extract().path("id");
            as("oem").post("/api/v1/rollouts/" + rollout + "/abort").then().statusCode(200);
            rollouts.add(0, rollout);
        }

        assertThat(allPages("/api/v1/channels/" + channel + "/releases", null)).isEqualTo(releases);
        assertThat(allPages("/api/v1/rollouts", channel)).isEqualTo(rollouts);
        as("oem").get("/api/v1/channels/" + channel + "/releases").then().statusCode(200)
                .body("items.size()", equalTo(3)).body("nextCursor", equalTo(null));
        as("oem").queryParam("channel", channel).queryParam("limit", 0).get("/api/v1/rollouts").then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        as("oem").queryParam("cursor", "not a cursor!").get("/api/v1/channels/" + channel + "/releases").then()
                .statusCode(400).body("code", equalTo("BAD_CURSOR"));
    }

    /** Follows nextCursor through pages of two and returns every id in order. */
    private static List<String> allPages(String path, String channel) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as("oem").queryParam("limit", 2);
            if (channel != null) {
                request.queryParam("channel", channel);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.id");
            assertThat(items).hasSizeLessThanOrEqualTo(2);
            ids.addAll(items);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(2);
        return ids;
    }
}
