package dev.modelport.registry.provenance;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.declareParents;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.path;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.Fixtures.purchase;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The marketplace end to end with real tokens: a vendor lists a base model and an offer, an OEM buys it, registers
 * a fine-tune and publishes it. Provenance is computed as DERIVED_FROM_LICENSED, and "self-developed" is refused.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class LicensedFineTuneScenarioTest {

    @Test
    void fineTuneOfAPurchasedBaseIsDerivedFromLicensedAndCannotClaimSelfDeveloped() {
        // The vendor lists a public base model with a published version, and an offer for it.
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        String offer = OfferBuilder.on(modelOf(base)).create("vendor");
        as("oem").get("/api/v1/offers/" + offer).then().statusCode(200)
                .body("allows.fineTuning", equalTo(true))
                .body("fee", equalTo("1000"))
                .body("currency", equalTo("USD"));

        // The OEM buys it: an entitlement with its order and amounts.
        String entitlement = purchase("oem", offer);
        as("oem").get("/api/v1/entitlements/" + entitlement).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("holder", equalTo("orion-mobile"))
                .body("grantor", equalTo("acme-ai"))
                .body("order.fee", equalTo("1000"))
                .body("order.royaltyPerActivation", equalTo("0.02"));

        // It registers a fine-tune and publishes it.
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem", tune).then().statusCode(200).body("status", equalTo("PUBLISHED"));

        as("oem").get(path(tune) + "/provenance").then().statusCode(200)
                .body("provenanceClass", equalTo("DERIVED_FROM_LICENSED"))
                .body("settled", equalTo(true))
                .body("ancestors.version", hasItem(base))
                .body("ancestors.owner", hasItem("acme-ai"))
                .body("ancestors[0].foreign", equalTo(true))
                .body("ancestors[0].licences[0].entitlement", equalTo(entitlement))
                .body("ancestors[0].licences[0].open", equalTo(false));

        as("oem").body(Map.of("claim", "SELF_DEVELOPED", "statement", "Our very own model"))
                .put(path(tune) + "/claim").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("CLAIM_CONTRADICTS_PROVENANCE"))
                .body("detail", containsString("DERIVED_FROM_LICENSED"));
        as("oem").get(path(tune) + "/provenance").then().body("claim", equalTo(null));

        // The truthful claim is accepted.
        as("oem").body(Map.of("claim", "DERIVED_FROM_LICENSED", "statement", "Fine-tuned from " + base))
                .put(path(tune) + "/claim").then().statusCode(200).body("claim.claim", equalTo("DERIVED_FROM_LICENSED"));
    }

    @Test
    void lineageShowsAncestorsAndDescendants() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        purchase("oem", OfferBuilder.on(modelOf(base)).create("vendor"));
        String tune = draft("oem", model("oem", "FINETUNE", "PUBLIC"), "1.0.0");
        declareParents("oem", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem", tune).then().statusCode(200);
        String quant = draft("oem", model("oem", "FINETUNE", "PUBLIC"), "1.0.0");
        declareParents("oem", quant, Map.of(tune, "QUANTIZED")).then().statusCode(200);
        publish("oem", quant).then().statusCode(200);

        as("oem").get(path(tune) + "/lineage").then().statusCode(200)
                .body("nodes.version", hasItems(base, tune, quant))
                .body("nodes.find { it.version == '" + base + "' }.role", equalTo("ANCESTOR"))
                .body("nodes.find { it.version == '" + quant + "' }.role", equalTo("DESCENDANT"))
                .body("edges.find { it.child == '" + quant + "' }.relation", equalTo("QUANTIZED"));
        // The quantized build inherits the licensed ancestry through the fine-tune.
        as("oem").get(path(quant) + "/provenance").then()
                .body("provenanceClass", equalTo("DERIVED_FROM_LICENSED"))
                .body("ancestors.version", hasItems(base, tune));
    }
}
