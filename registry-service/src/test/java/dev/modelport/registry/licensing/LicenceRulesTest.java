package dev.modelport.registry.licensing;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.declareParents;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.path;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.Fixtures.purchase;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Publishing a derivative of another organisation's model needs an entitlement that allows it, right now. */
@QuarkusTest
@WithTestResource(RealStack.class)
class LicenceRulesTest {

    /** A draft fine-tune of {@code base} by the OEM, lineage declared; returns its name. */
    private static String fineTuneDraft(String base, String relation) {
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", tune, Map.of(base, relation)).then().statusCode(200);
        return tune;
    }

    private static void assertStillDraft(String version) {
        as("oem").get(path(version)).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void fineTuningWithoutAnEntitlementIsRefusedNamingTheMissingLicence() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        String offer = OfferBuilder.on(modelOf(base)).create("vendor");
        String tune = fineTuneDraft(base, "FINETUNE");
        publish("oem", tune).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("LICENCE_REQUIRED"))
                .body("detail", allOf(containsString("a licence from 'acme-ai' for " + base),
                        containsString("allows fine-tuning"), containsString("holds no entitlement"),
                        containsString(offer)));
        assertStillDraft(tune);
    }

    @Test
    void fineTuningIsRefusedWhenTheOfferForbidsIt() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        String entitlement = purchase("oem", OfferBuilder.on(modelOf(base)).fineTuning(false).create("vendor"));
        String tune = fineTuneDraft(base, "FINETUNE");
        publish("oem", tune).then().statusCode(422)
                .body("code", equalTo("LICENCE_REQUIRED"))
                .body("detail", allOf(containsString(entitlement), containsString("does not allow fine-tuning")));
        assertStillDraft(tune);
    }

    @Test
    void quantizationIsAllowedByAnOfferThatForbidsOnlyFineTuning() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        purchase("oem", OfferBuilder.on(modelOf(base)).fineTuning(false).create("vendor"));
        publish("oem", fineTuneDraft(base, "QUANTIZED")).then().statusCode(200);
    }

    @Test
    void fineTuningAfterTheEntitlementExpiredIsRefused() throws InterruptedException {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        Instant end = Instant.now().plusSeconds(3);
        String entitlement = purchase("oem", OfferBuilder.on(modelOf(base)).endsAt(end).create("vendor"));
        String tune = fineTuneDraft(base, "FINETUNE");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis()) + 200);

        as("oem").get("/api/v1/entitlements/" + entitlement).then().body("status", equalTo("EXPIRED"));
        publish("oem", tune).then().statusCode(422)
                .body("code", equalTo("LICENCE_REQUIRED"))
                .body("detail", containsString("entitlement " + entitlement + " from offer"))
                .body("detail", containsString("expired"));
        assertStillDraft(tune);
    }

    @Test
    void aTerminatedEntitlementNoLongerCovers() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        String entitlement = purchase("oem", OfferBuilder.on(modelOf(base)).create("vendor"));
        as("vendor").post("/api/v1/entitlements/" + entitlement + "/terminate").then().statusCode(200)
                .body("status", equalTo("TERMINATED"));
        publish("oem", fineTuneDraft(base, "FINETUNE")).then().statusCode(422)
                .body("detail", containsString("terminated"));
    }

    @Test
    void anOfferForLaterVersionsDoesNotCoverAnEarlierOne() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        purchase("oem", OfferBuilder.on(modelOf(base)).fromVersion("2.0.0").create("vendor"));
        publish("oem", fineTuneDraft(base, "FINETUNE")).then().statusCode(422)
                .body("detail", containsString("covers versions 2.0.0 and later"));
    }

    @Test
    void aDerivedModelMustDeclareItsParents() {
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        publish("oem", tune).then().statusCode(422).body("code", equalTo("LINEAGE_REQUIRED"));
    }

    @Test
    void aCycleInTheLineageIsRefused() {
        String a = draft("oem", model("oem", "BASE", "PRIVATE"), "1.0.0");
        String b = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", b, Map.of(a, "FINETUNE")).then().statusCode(200);
        declareParents("oem", a, Map.of(b, "MERGE")).then().statusCode(422)
                .body("code", equalTo("LINEAGE_CYCLE"));
        declareParents("oem", a, Map.of(a, "MERGE")).then().statusCode(422)
                .body("code", equalTo("LINEAGE_CYCLE"));
    }

    @Test
    void aParentMustBePublishedFirst() {
        String a = draft("oem", model("oem", "BASE", "PRIVATE"), "1.0.0");
        String b = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", b, Map.of(a, "FINETUNE")).then().statusCode(200);
        publish("oem", b).then().statusCode(422).body("code", equalTo("PARENT_NOT_PUBLISHED"));
    }

    @Test
    void buyingTwiceOrBuyingYourOwnOfferIsRefused() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        String offer = OfferBuilder.on(modelOf(base)).create("vendor");
        purchase("oem", offer);
        as("oem").post("/api/v1/offers/" + offer + "/purchase").then().statusCode(409)
                .body("code", equalTo("ALREADY_ENTITLED"));
        as("vendor").post("/api/v1/offers/" + offer + "/purchase").then().statusCode(409)
                .body("code", equalTo("OFFER_NOT_AVAILABLE"));
    }

    @Test
    void onlyTheModelsVendorPublishesOffersAndOffersMustBeConsistent() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        as("vendor2").body(OfferBuilder.on(modelOf(base)).body()).post("/api/v1/models/" + modelOf(base) + "/offers")
                .then().statusCode(403);
        as("oem").body(OfferBuilder.on(modelOf(base)).body()).post("/api/v1/models/" + modelOf(base) + "/offers")
                .then().statusCode(403);
        Map<String, Object> both = OfferBuilder.on(modelOf(base)).body();
        both.put("spdxId", "MIT");
        as("vendor").body(both).post("/api/v1/models/" + modelOf(base) + "/offers").then().statusCode(400)
                .body("detail", containsString("either as spdxId"));
        Map<String, Object> badMoney = OfferBuilder.on(modelOf(base)).body();
        badMoney.put("fee", "-5");
        badMoney.put("territories", java.util.List.of("China"));
        as("vendor").body(badMoney).post("/api/v1/models/" + modelOf(base) + "/offers").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("fee"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(containsString("territories")));
    }
}
