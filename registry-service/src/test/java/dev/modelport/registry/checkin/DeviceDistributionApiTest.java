package dev.modelport.registry.checkin;

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
import static dev.modelport.registry.support.SimPhone.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.SimPhone;
import dev.modelport.registry.support.TestBuilds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The device side of distribution: identity from the token only, revocation, replays, idempotent reports, ETags. */
@QuarkusTest
@WithTestResource(RealStack.class)
class DeviceDistributionApiTest {

    @Inject
    TestBuilds builds;

    @Inject
    DataSource db;

    private record Live(String dc, TestBuilds.Made build, String rollout) {
    }

    /** An orion-mobile release rolled out to 100% of a new device class in DE. */
    private Live live() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String dc = deviceClass();
        String version = publishedModel("oem", "BASE", "PRIVATE");
        TestBuilds.Made build = builds.readySignedBuild("oem", version, dc, "Q4_0");
        String releaseId = release("oem", channel("oem", modelOf(version)), version, List.of(build.id()),
                List.of("DE")).statusCode(201).extract().path("id");
        String rollout = rollout("oem", releaseId, cohort(List.of(dc), List.of()), List.of(stage(100, 0, 1.0)),
                false).statusCode(201).extract().path("id");
        return new Live(dc, build, rollout);
    }

    @Test
    void aPhoneChecksInAndReportsOnlyAsItselfAndSeesOnlyItsOwnersRollouts() throws Exception {
        Live live = live();
        SimPhone victim = SimPhone.enroll(SimPhone.enrollmentToken("oem", 1), live.dc(), "x1", "DE", "14");
        SimPhone attacker = SimPhone.enroll(SimPhone.enrollmentToken("oem", 1), live.dc(), "x1", "DE", "14");
        String[] parts = attacker.token().split("\\.");
        String forged = parts[0] + "." + victim.deviceId() + "." + parts[2] + "." + parts[3] + "." + parts[4];
        given().auth().oauth2(forged).contentType("application/json").body(Map.of("profile", Map.of()))
                .post("/device/v1/checkin").then().statusCode(401).body("code", equalTo("DEVICE_UNAUTHENTICATED"));
        given().auth().oauth2(forged).contentType("application/json")
                .body(Map.of("events", List.of(event(UUID.randomUUID().toString(), "HEALTHY", null, null))))
                .post("/device/v1/reports").then().statusCode(401);
        given().contentType("application/json").body(Map.of("profile", Map.of())).post("/device/v1/checkin")
                .then().statusCode(401);

        // A device id in the body names nobody: the event is the token's device's.
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> spoofed = new java.util.HashMap<>(event(eventId, "FAILED", live.build().digest(),
                "LOAD_FAILED: x"));
        spoofed.put("deviceId", victim.deviceId());
        attacker.report(List.of(spoofed)).statusCode(200).body("acknowledged", containsInAnyOrder(eventId));
        assertThat(storedEvents(victim.deviceId())).isZero();
        assertThat(storedEvents(attacker.deviceId())).isEqualTo(1);

        // Another OEM's phone with the very same profile is not in orion-mobile's rollout.
        SimPhone foreign = SimPhone.enroll(SimPhone.enrollmentToken("oem2", 1), live.dc(), "x1", "DE", "14");
        foreign.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));
        victim.checkin().statusCode(200).body("action", equalTo("UPDATE"));
    }

    @Test
    void aRevokedPhoneIsRefused() throws Exception {
        Live live = live();
        SimPhone phone = SimPhone.enroll(SimPhone.enrollmentToken("oem", 1), live.dc(), "x1", "DE", "14");
        phone.checkin().statusCode(200);
        as("oem").post("/api/v1/devices/" + phone.deviceId() + "/revoke").then().statusCode(200);
        phone.checkin().statusCode(401).body("code", equalTo("DEVICE_UNAUTHENTICATED"));
        phone.report(List.of(event(UUID.randomUUID().toString(), "HEALTHY", live.build().digest(), null)))
                .statusCode(401);
        phone.requestToken(phone.deviceId(), Instant.now(), SimPhone.nonce()).statusCode(401);
    }

    @Test
    void aReplayedSignedTokenRequestIsRefused() {
        SimPhone phone = SimPhone.enroll(SimPhone.enrollmentToken("oem", 1), "dc-any", "x1", "DE", "14");
        Instant now = Instant.now();
        String nonce = SimPhone.nonce();
        phone.requestToken(phone.deviceId(), now, nonce).statusCode(200);
        phone.requestToken(phone.deviceId(), now, nonce).statusCode(401).body("code", equalTo("DEVICE_REPLAY"));
    }

    @Test
    void duplicateEventIdsAreAcknowledgedEveryTimeAndStoredOnce() throws Exception {
        Live live = live();
        SimPhone phone = SimPhone.enroll(SimPhone.enrollmentToken("oem", 1), live.dc(), "x1", "DE", "14");
        String digest = live.build().digest();
        String installed = UUID.randomUUID().toString();
        String healthy = UUID.randomUUID().toString();
        phone.report(List.of(event(installed, "INSTALLED", digest, null), event(installed, "INSTALLED", digest, null),
                event(healthy, "HEALTHY", digest, null))).statusCode(200)
                .body("acknowledged", containsInAnyOrder(installed, healthy));
        phone.report(List.of(event(healthy, "HEALTHY", digest, null))).statusCode(200)
                .body("acknowledged", containsInAnyOrder(healthy));
        assertThat(storedEvents(phone.deviceId())).isEqualTo(2);
        as("oem").get("/api/v1/rollouts/" + live.rollout()).then().body("stages[0].healthy", equalTo(1));

        phone.report(List.of(Map.of("eventId", "", "type", "HEALTHY"))).statusCode(400);
    }

    @Test
    void anUnchangedAnswerIs304AndAChangedOneIsSentAgain() throws Exception {
        Live live = live();
        SimPhone phone = SimPhone.enroll(SimPhone.enrollmentToken("oem", 1), live.dc(), "x1", "DE", "14");
        String etag = phone.checkin().statusCode(200).body("action", equalTo("UPDATE"))
                .body("nextPollSeconds", equalTo(300)).extract().header("ETag");
        assertThat(etag).isNotBlank();
        phone.checkin(etag).statusCode(304);

        as("oem").post("/api/v1/rollouts/" + live.rollout() + "/pause").then().statusCode(200);
        String paused = phone.checkin(etag).statusCode(200).body("action", equalTo("NO_UPDATE"))
                .header("ETag", not(equalTo(etag))).extract().header("ETag");
        phone.checkin(paused).statusCode(304);
    }

    private long storedEvents(String deviceId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM device_report WHERE device_id = ?")) {
            q.setString(1, deviceId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
