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
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealStack.class)
class SelfDevelopedScenarioTest {

    @Test
    void anOemsFromScratchBaseAndItsFineTuneAreSelfDeveloped() {
        String base = publishedModel("oem", "BASE", "PRIVATE");
        as("oem").get(path(base) + "/provenance").then().statusCode(200)
                .body("provenanceClass", equalTo("SELF_DEVELOPED"))
                .body("ancestors", empty());

        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem", tune).then().statusCode(200);

        as("oem").get(path(tune) + "/provenance").then().statusCode(200)
                .body("provenanceClass", equalTo("SELF_DEVELOPED"))
                .body("ancestors.version", hasItem(base))
                .body("ancestors[0].foreign", equalTo(false))
                .body("ancestors[0].licences", empty());
        as("oem").body(Map.of("claim", "SELF_DEVELOPED", "statement", "Trained from scratch by us"))
                .put(path(tune) + "/claim").then().statusCode(200)
                .body("claim.claim", equalTo("SELF_DEVELOPED"));
    }

    @Test
    void aFineTuneOfAnOpenlyLicensedBaseIsDerivedFromOpen() {
        String base = publishedModel("vendor2", "BASE", "PUBLIC");
        String entitlement = purchase("oem2", OfferBuilder.on(modelOf(base)).openLicence("Apache-2.0")
                .create("vendor2"));
        String tune = draft("oem2", model("oem2", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem2", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem2", tune).then().statusCode(200);

        as("oem2").get(path(tune) + "/provenance").then()
                .body("provenanceClass", equalTo("DERIVED_FROM_OPEN"))
                .body("ancestors[0].licences[0].spdxId", equalTo("Apache-2.0"))
                .body("ancestors[0].licences[0].entitlement", equalTo(entitlement));
        as("oem2").body(Map.of("claim", "SELF_DEVELOPED", "statement", "ours"))
                .put(path(tune) + "/claim").then().statusCode(422);
    }
}
