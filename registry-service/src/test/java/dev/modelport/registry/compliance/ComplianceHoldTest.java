package dev.modelport.registry.compliance;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.RegulatorFixtures.hold;
import static dev.modelport.registry.support.RegulatorFixtures.lift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.trust.KeyRole;
import dev.modelport.registry.trust.TrustFixtures;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.RegulatorActionPredicate;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.key.Ed25519PublicKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Compliance holds: placed and lifted by the jurisdiction's regulator, signed, logged, audited, announced. */
@QuarkusTest
@WithTestResource(RealStack.class)
class ComplianceHoldTest {

    @Inject
    TransparencyLog log;

    @Inject
    TrustKeyService keys;

    @Inject
    ComplianceHolds holds;

    @Inject
    VersionService versions;

    @Inject
    HoldsChangedRecorder recorder;

    private RegulatorActionPredicate platformSignedAction(long index) {
        List<Ed25519PublicKey> platform = keys.keysOf(KeyRole.TARGETS).stream()
                .map(k -> Ed25519PublicKey.fromHex(k.publicKey())).toList();
        Statement st = Statement.verify(log.entry(index).orElseThrow().envelope(), Statement.verifier(platform, 1));
        assertThat(st.predicateType()).isEqualTo(RegulatorActionPredicate.PREDICATE_TYPE);
        return RegulatorActionPredicate.fromJson(st.predicate());
    }

    private UUID idOf(String version) {
        VersionName n = VersionName.parse(version);
        return versions.readableRef(TrustFixtures.admin(), n.owner(), n.model(), n.version()).id();
    }

    @Test
    void aHoldAndItsLiftAreSignedRegulatorActionsInTheLog() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        int events = recorder.count();

        var placed = hold("regulator", version, "CN", "unfiled model serving users").then().statusCode(201)
                .body("active", equalTo(true)).body("version", equalTo(version)).extract();
        String id = placed.path("id");
        long placeIndex = ((Number) placed.path("placeLogIndex")).longValue();
        assertThat(holds.held(idOf(version), "CN")).isTrue();
        assertThat(holds.held(idOf(version), "EU")).isFalse();
        assertThat(recorder.count()).isEqualTo(events + 1);

        RegulatorActionPredicate hold = platformSignedAction(placeIndex);
        assertThat(hold.action()).isEqualTo("HOLD");
        assertThat(hold.target()).isEqualTo("model-version:" + version);
        assertThat(hold.jurisdiction()).isEqualTo("CN");
        assertThat(hold.regulator()).isEqualTo("cn-cac");
        assertThat(hold.reason()).isEqualTo("unfiled model serving users");

        long liftIndex = ((Number) lift("regulator", id, "filing approved").then().statusCode(200)
                .body("active", equalTo(false)).body("liftedBy", equalTo("regulator")).extract()
                .path("liftLogIndex")).longValue();
        RegulatorActionPredicate lifted = platformSignedAction(liftIndex);
        assertThat(lifted.action()).isEqualTo("LIFT_HOLD");
        assertThat(lifted.reason()).isEqualTo("filing approved");
        assertThat(holds.held(idOf(version), "CN")).isFalse();
        assertThat(recorder.count()).isEqualTo(events + 2);

        as("oem").queryParam("object", "version:" + version).get("/api/v1/audit/events").then().statusCode(200)
                .body("items.action", hasItem("hold.placed")).body("items.action", hasItem("hold.lifted"));
    }

    @Test
    void aRefusedHoldChangesNothingAndAnnouncesNothing() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String id = hold("regulator", version, "CN", "first").then().statusCode(201).extract().path("id");
        int events = recorder.count();

        hold("regulator", version, "CN", "second").then().statusCode(409).body("code", equalTo("HOLD_EXISTS"));
        hold("regulator", version, "CN", " ").then().statusCode(400);
        lift("regulator", id, "").then().statusCode(400);
        assertThat(recorder.count()).isEqualTo(events);

        lift("regulator", id, "resolved").then().statusCode(200);
        lift("regulator", id, "again").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        // once lifted, a new hold may be placed
        hold("regulator", version, "CN", "new concern").then().statusCode(201);
    }

    @Test
    void holdsAreListedForTheirRegulatorAndTheVersionsOwnerOnly() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String id = hold("regulator", version, "CN", "listed").then().statusCode(201).extract().path("id");

        as("regulator").queryParam("version", version).queryParam("active", true).get("/api/v1/holds").then()
                .statusCode(200).body("items.id", hasItem(id));
        as("oem").queryParam("jurisdiction", "CN").queryParam("limit", 200).get("/api/v1/holds").then()
                .statusCode(200).body("items.id", hasItem(id));
        as("oem").get("/api/v1/holds/" + id).then().statusCode(200).body("reason", equalTo("listed"));
        as("regulator-eu").get("/api/v1/holds/" + id).then().statusCode(404);
        as("vendor2").queryParam("limit", 200).get("/api/v1/holds").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
    }
}
