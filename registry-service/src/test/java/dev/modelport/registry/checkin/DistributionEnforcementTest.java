package dev.modelport.registry.checkin;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.cohort;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.Distribution.release;
import static dev.modelport.registry.support.Distribution.rollout;
import static dev.modelport.registry.support.Distribution.stage;
import static dev.modelport.registry.support.Fixtures.declareParents;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.Fixtures.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.compliance.HoldsChanged;
import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.SimPhone;
import dev.modelport.registry.support.TestBuilds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What no rollout can override: filings where a jurisdiction requires them, licence territories and device caps. */
@QuarkusTest
@WithTestResource(RealStack.class)
class DistributionEnforcementTest {

    @Inject
    TestBuilds builds;

    @Test
    void withoutAnApprovedFilingNothingIsDistributedInChina() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String dc = deviceClass();
        String version = publishedModel("oem", "BASE", "PRIVATE");
        TestBuilds.Made build = builds.readySignedBuild("oem", version, dc, "Q8_0");
        String channel = channel("oem", modelOf(version));

        release("oem", channel, version, List.of(build.id()), List.of("CN")).statusCode(422)
                .body("code", equalTo("FILING_REQUIRED"));
        String number = unique("CN-F");
        String filing = as("oem").body(Map.of("jurisdiction", "CN", "filingNumber", number,
                "versions", List.of(version))).post("/api/v1/filings").then().statusCode(201).extract().path("id");
        release("oem", channel, version, List.of(build.id()), List.of("CN")).statusCode(422)
                .body("code", equalTo("FILING_REQUIRED"));

        as("regulator").body(Map.of("decision", "APPROVED", "reason", "security assessment passed"))
                .post("/api/v1/filings/" + filing + "/decision").then()
                .statusCode(200);
        String releaseId = release("oem", channel, version, List.of(build.id()), List.of("CN")).statusCode(201)
                .body("filings.CN", equalTo(number)).extract().path("id");
        rollout("oem", releaseId, cohort(List.of(dc), List.of()), List.of(stage(100, 0, 1.0)), false)
                .statusCode(201);
        SimPhone phone = SimPhone.enroll(SimPhone.enrollmentToken("oem", 1), dc, "orion-x1", "CN", "14");
        phone.checkin().statusCode(200).body("action", equalTo("UPDATE"))
                .body("filing.jurisdiction", equalTo("CN")).body("filing.number", equalTo(number));
        phone.installed(build.digest());

        // The regulator suspends the filing: the build may no longer run in China, and nothing else is left.
        as("regulator").body(Map.of("decision", "SUSPENDED", "reason", "complaints under investigation"))
                .post("/api/v1/filings/" + filing + "/decision")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "REMOVE".equals(phone.checkin().statusCode(200)
                .extract().path("action")));
    }

    @Test
    void aReleaseTakesOnlyReadySignedBuildsOfItsVersionOnePerDeviceClass() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String dc = deviceClass();
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String other = publishedModel("oem", "BASE", "PRIVATE");
        TestBuilds.Made ready = builds.readySignedBuild("oem", version, dc, "Q4_0");
        TestBuilds.Made twin = builds.readySignedBuild("oem", version, dc, "Q8_0");
        TestBuilds.Made unsigned = builds.readySignedBuild("oem", version, deviceClass(), "Q4_0");
        builds.unsign(unsigned.id());
        TestBuilds.Made ofOther = builds.readySignedBuild("oem", other, dc, "Q4_0");
        UUID queued = builds.queuedBuild(version, deviceClass());
        String channel = channel("oem", modelOf(version));

        for (List<UUID> refused : List.of(List.of(queued), List.of(unsigned.id()), List.of(ofOther.id()),
                List.of(ready.id(), twin.id()))) {
            release("oem", channel, version, refused, List.of("DE")).statusCode(422)
                    .body("code", equalTo("BUILD_NOT_DISTRIBUTABLE"));
        }
        release("oem2", channel, version, List.of(ready.id()), List.of("DE")).statusCode(403);
        String id = release("oem", channel, version, List.of(ready.id()), List.of("DE")).statusCode(201)
                .extract().path("id");
        as("oem2").get("/api/v1/releases/" + id).then().statusCode(403);
        as("oem").get("/api/v1/channels/" + channel + "/releases").then().statusCode(200)
                .body("items[0].builds[0].digest", equalTo(ready.digest()));
    }

    @Test
    void aLicenceAllowsOnlyItsTerritories() throws Exception {
        Licensed l = licensedFineTune(100);
        release("oem", l.channel, l.version, List.of(l.build.id()), List.of("JP")).statusCode(422)
                .body("code", equalTo("LICENCE_TERRITORY"));
    }

    @Test
    void atTheLicenceCapNewDevicesGetNothingAndCountedOnesKeepTheirBuild() throws Exception {
        Licensed l = licensedFineTune(2);
        String releaseId = release("oem", l.channel, l.version, List.of(l.build.id()), List.of("DE")).statusCode(201)
                .body("entitlementId", equalTo(l.entitlement)).extract().path("id");
        rollout("oem", releaseId, cohort(List.of(l.dc), List.of()), List.of(stage(100, 0, 1.0)), false)
                .statusCode(201);
        String enrollment = SimPhone.enrollmentToken("oem", 10);
        SimPhone a = SimPhone.enroll(enrollment, l.dc, "orion-x1", "DE", "14");
        SimPhone b = SimPhone.enroll(enrollment, l.dc, "orion-x1", "DE", "14");
        SimPhone c = SimPhone.enroll(enrollment, l.dc, "orion-x1", "DE", "14");
        for (SimPhone phone : List.of(a, b)) {
            phone.checkin().statusCode(200).body("action", equalTo("UPDATE"));
            phone.installed(l.build.digest()).reportInstall(l.build.digest(), null);
        }
        // A repeated HEALTHY (a new attempt) of a counted device is not a second activation.
        a.reportInstall(l.build.digest(), null);
        String period = YearMonth.now(ZoneOffset.UTC).toString();
        as("oem").queryParam("period", period).get("/api/v1/metering/entitlements/" + l.entitlement + "/activations")
                .then().statusCode(200).body("total", equalTo(2)).body("inPeriod", equalTo(2))
                .body("deviceCap", equalTo(2));

        c.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));
        a.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));
        b.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));

        as("vendor").queryParam("period", period).get("/api/v1/metering/royalty-statements").then().statusCode(200)
                .body("lines.find { it.entitlement == '" + l.entitlement + "' }.activations", equalTo(2))
                .body("lines.find { it.entitlement == '" + l.entitlement + "' }.amount", equalTo("0.040000"));
        as("oem2").get("/api/v1/metering/entitlements/" + l.entitlement + "/activations").then().statusCode(403);
    }

    /**
     * The regulator's hold action is being written by another engineer right now; until it lands, this test places
     * holds the way that feature will store them (a {@code compliance_hold} row) and fires its {@link HoldsChanged}
     * event after the insert committed, as the feature does.
     */
    @Test
    void aComplianceHoldStopsTheRolloutSendsDevicesBackAndRemovesWhatIsLeft() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String dc = deviceClass();
        String v1 = publishedModel("oem", "BASE", "PRIVATE");
        String v2 = draft("oem", modelOf(v1), "1.1.0");
        publish("oem", v2).then().statusCode(200);
        TestBuilds.Made b1 = builds.readySignedBuild("oem", v1, dc, "Q4_0");
        TestBuilds.Made b2 = builds.readySignedBuild("oem", v2, dc, "Q4_0");
        String channel = channel("oem", modelOf(v1));
        String r1 = release("oem", channel, v1, List.of(b1.id()), List.of("DE")).statusCode(201).extract().path("id");
        String first = rollout("oem", r1, cohort(List.of(dc), List.of()), List.of(stage(100, 0, 1.0)), false)
                .statusCode(201).extract().path("id");
        as("oem").post("/api/v1/rollouts/" + first + "/advance").then().statusCode(200);
        String r2 = release("oem", channel, v2, List.of(b2.id()), List.of("DE")).statusCode(201).extract().path("id");
        rollout("oem", r2, cohort(List.of(dc), List.of()), List.of(stage(100, 0, 1.0)), false).statusCode(201);
        String enrollment = SimPhone.enrollmentToken("oem", 3);
        SimPhone onV2 = SimPhone.enroll(enrollment, dc, "x1", "DE", "14").installed(b2.digest());
        SimPhone onV1 = SimPhone.enroll(enrollment, dc, "x1", "DE", "14").installed(b1.digest());
        SimPhone fresh = SimPhone.enroll(enrollment, dc, "x1", "DE", "14");
        fresh.checkin().statusCode(200).body("action", equalTo("UPDATE")).body("target.digest", equalTo(b2.digest()));

        hold(v2, "EU");
        onV2.checkin().statusCode(200).body("action", equalTo("ROLLBACK")).body("target.digest", equalTo(b1.digest()));
        fresh.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));
        onV1.checkin().statusCode(200).body("action", equalTo("NO_UPDATE"));

        hold(v1, "EU");
        onV1.checkin().statusCode(200).body("action", equalTo("REMOVE"));
        onV2.checkin().statusCode(200).body("action", equalTo("REMOVE"));
    }

    @Inject
    DataSource db;

    @Inject
    Event<HoldsChanged> holdsChanged;

    private void hold(String version, String jurisdiction) throws Exception {
        int at = version.indexOf('@');
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO compliance_hold (id, version_id, jurisdiction, reason, placed_by, placed_at) "
                        + "SELECT ?, v.id, ?, 'test hold', 'regulator-eu', now() FROM model_version v "
                        + "JOIN model m ON m.id = v.model_id WHERE m.slug = ? AND v.label = ?")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, jurisdiction);
            insert.setString(3, version.substring(version.indexOf('/') + 1, at));
            insert.setString(4, version.substring(at + 1));
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        holdsChanged.fire(new HoldsChanged());
    }

    private record Licensed(String dc, String version, TestBuilds.Made build, String channel, String entitlement) {
    }

    /** A fine-tune of a vendor's base under a licence with this device cap, with one signed build. */
    private Licensed licensedFineTune(long deviceCap) throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        String offer = OfferBuilder.on(modelOf(base)).deviceCap(deviceCap).create("vendor");
        String entitlement = purchase("oem", offer);
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem", tune).then().statusCode(200);
        String dc = deviceClass();
        TestBuilds.Made build = builds.readySignedBuild("oem", tune, dc, "Q4_0");
        return new Licensed(dc, tune, build, channel("oem", modelOf(tune)), entitlement);
    }
}
