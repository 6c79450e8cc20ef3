package dev.modelport.registry.fingerprint;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.BuildFixtures.awaitFingerprint;
import static dev.modelport.registry.support.BuildFixtures.deviceClass;
import static dev.modelport.registry.support.BuildFixtures.published;
import static dev.modelport.registry.support.BuildFixtures.upload;
import static dev.modelport.registry.support.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.modelport.gguf.quant.QuantType;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.TinyLlama;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.RegulatorActionPredicate;
import dev.modelport.signing.intoto.Statement;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Weight fingerprints catch a "self-developed" model that is really a vendor's base in disguise: a finding opens
 * for the owner and the regulators of its jurisdictions, the claim is refused (or suspended once a regulator
 * confirms), and an independently made model is left alone.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class FingerprintFindingTest {

    @Inject
    TransparencyLog log;

    private static long seed() {
        return UUID.randomUUID().getMostSignificantBits();
    }

    /** The findings on {@code version}, as {@code user} sees them, once there is at least one. */
    private static List<Map<String, Object>> awaitFindings(String user, String version) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                !as(user).queryParam("version", version).get("/api/v1/findings").then().statusCode(200)
                        .extract().jsonPath().getList("items").isEmpty());
        return as(user).queryParam("version", version).get("/api/v1/findings").then().extract().jsonPath()
                .getList("items");
    }

    @Test
    void aPerturbedCopyOfAVendorBaseClaimedAsSelfDevelopedGetsAFindingThatARegulatorConfirms() {
        TinyLlama base = TinyLlama.random(seed());
        String vendorBase = published("vendor", "BASE", "PUBLIC", base.gguf(), Map.of());
        String copy = published("oem", "BASE", "PRIVATE", base.withNoise(0.1, seed()).gguf(), Map.of());

        Map<String, Object> finding = awaitFindings("oem", copy).get(0);
        assertThat(finding).containsEntry("status", "OPEN").containsEntry("matchedOwner", "acme-ai")
                .containsEntry("matchedVersion", vendorBase);
        assertThat((Float) finding.get("score")).isGreaterThanOrEqualTo(0.8f);
        String id = (String) finding.get("id");

        as("oem").body(Map.of("claim", "SELF_DEVELOPED", "statement", "Trained in-house from scratch"))
                .put(path(copy) + "/claim").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("FINDING_OPEN")).body("detail", containsString(vendorBase));
        as("oem").get(path(copy) + "/provenance").then().statusCode(200)
                .body("provenanceClass", equalTo("SELF_DEVELOPED"))
                .body("claim", equalTo(null))
                .body("findings.id", hasItem(id));

        as("regulator").queryParam("status", "OPEN").queryParam("limit", 200).get("/api/v1/findings").then()
                .statusCode(200).body("items.id", hasItem(id));
        int logIndex = as("regulator").body(Map.of("reason", "Layer profile identical to acme-ai's base"))
                .post("/api/v1/findings/" + id + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("decidedBy", equalTo("regulator"))
                .body("decisionLogIndex", notNullValue()).extract().path("decisionLogIndex");
        Statement logged = Statement.fromJson(log.entry(logIndex).orElseThrow().envelope().payload());
        assertThat(logged.predicateType()).isEqualTo(RegulatorActionPredicate.PREDICATE_TYPE);
        assertThat(logged.predicate().get("action").asText()).isEqualTo("CONFIRM_PROVENANCE_FINDING");
        assertThat(logged.predicate().get("reason").asText()).contains("acme-ai");
        as("regulator").queryParam("object", "finding:" + id).get("/api/v1/audit/events").then().statusCode(200)
                .body("items.action", hasItem("finding.confirmed"));
        as("regulator-eu").body(Map.of("reason", "again")).post("/api/v1/findings/" + id + "/dismiss").then()
                .statusCode(409).body("code", equalTo("FINDING_DECIDED"));
    }

    @Test
    void aSelfDevelopedClaimIsSuspendedWhenItsBuildTurnsOutToBeAVendorCopy() {
        TinyLlama base = TinyLlama.random(seed());
        String vendorBase = published("vendor", "BASE", "PUBLIC", base.gguf(), Map.of());
        byte[] own = TinyLlama.random(seed()).gguf();
        String version = published("oem", "BASE", "PRIVATE", own, Map.of());
        as("oem").body(Map.of("claim", "SELF_DEVELOPED", "statement", "Ours"))
                .put(path(version) + "/claim").then().statusCode(200);

        // The build shipped to phones is really the vendor's base, quantized.
        String shipped = upload("oem", TinyLlama.quantize(base.withNoise(0.05, seed()).gguf(), QuantType.Q8_0));
        as("oem").body(Map.of("version", version, "deviceClass", deviceClass(1L << 30), "quantType", "Q8_0",
                "digest", shipped, "inputDigest", TinyLlama.digest(own))).post("/api/v1/builds/uploads").then()
                .statusCode(201);

        Map<String, Object> finding = awaitFindings("oem", version).get(0);
        assertThat(finding).containsEntry("matchedVersion", vendorBase).containsEntry("selfDevelopedClaim", true)
                .containsEntry("digest", shipped);
        String id = (String) finding.get("id");
        as("oem").get(path(version) + "/provenance").then()
                .body("claim.claim", equalTo("SELF_DEVELOPED")).body("findings.id", hasItem(id));

        // The regulators' queue puts findings on "self-developed" claims first.
        List<Boolean> order = as("regulator").queryParam("limit", 200).get("/api/v1/findings").then()
                .extract().jsonPath().getList("items.selfDevelopedClaim");
        assertThat(order.indexOf(false) < 0 || order.lastIndexOf(true) < order.indexOf(false)).isTrue();

        as("regulator").body(Map.of("reason", "The shipped build is acme-ai's base"))
                .post("/api/v1/findings/" + id + "/confirm").then().statusCode(200);
        as("oem").get(path(version) + "/provenance").then()
                .body("claim.suspendedAt", notNullValue())
                .body("claim.suspendedReason", containsString(id))
                .body("findings[0].status", equalTo("CONFIRMED"));
    }

    @Test
    void anIndependentlyMadeModelGetsNoFindingAndMayClaimSelfDeveloped() {
        byte[] vendorWeights = TinyLlama.random(seed()).gguf();
        published("vendor", "BASE", "PUBLIC", vendorWeights, Map.of());
        byte[] own = TinyLlama.random(seed()).gguf();
        String version = published("oem", "BASE", "PRIVATE", own, Map.of());
        awaitFingerprint("vendor", TinyLlama.digest(vendorWeights));
        awaitFingerprint("oem", TinyLlama.digest(own));

        as("oem").queryParam("version", version).get("/api/v1/findings").then().statusCode(200)
                .body("items", empty());
        as("oem").body(Map.of("claim", "SELF_DEVELOPED", "statement", "Ours"))
                .put(path(version) + "/claim").then().statusCode(200);
    }

    @Test
    void onlyARegulatorOfTheOwnersJurisdictionSeesAndDecidesAFinding() {
        TinyLlama base = TinyLlama.random(seed());
        published("vendor", "BASE", "PUBLIC", base.gguf(), Map.of());
        // pixelon operates in the US only; the demo regulators are CN and EU.
        String copy = published("oem2", "BASE", "PRIVATE", base.withNoise(0.1, seed()).gguf(), Map.of());
        String id = (String) awaitFindings("oem2", copy).get(0).get("id");

        as("regulator").body(Map.of("reason", "not mine")).post("/api/v1/findings/" + id + "/confirm").then()
                .statusCode(403);
        as("regulator").get("/api/v1/findings/" + id).then().statusCode(403);
        as("regulator").queryParam("limit", 200).get("/api/v1/findings").then().body("items.id", not(hasItem(id)));
        as("vendor").body(Map.of("reason", "we are the victim")).post("/api/v1/findings/" + id + "/confirm").then()
                .statusCode(403);
        as("oem2").body(Map.of("reason", "dismiss my own")).post("/api/v1/findings/" + id + "/dismiss").then()
                .statusCode(403);
        as("oem").get("/api/v1/findings/" + id).then().statusCode(403);
        as("oem2").get("/api/v1/findings/" + id).then().statusCode(200).body("status", equalTo("OPEN"));
    }
}
