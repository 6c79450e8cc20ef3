package dev.modelport.registry.regulator;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static dev.modelport.registry.support.Fixtures.declareParents;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.path;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.RegulatorFixtures.decide;
import static dev.modelport.registry.support.RegulatorFixtures.file;
import static dev.modelport.registry.support.RegulatorFixtures.hold;
import static dev.modelport.registry.support.RegulatorFixtures.lift;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A regulator decides and holds only in its own jurisdiction, and writes nothing else: not models, offers, filings,
 * lineage, nor anything in another jurisdiction. Regulator "regulator" is cn-cac (CN), "regulator-eu" eu-ai-office.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class RegulatorScopeTest {

    @Test
    void aRegulatorCannotDecideAnotherJurisdictionsFilingsThroughAnyEndpoint() {
        String filing = file("oem", "CN", publishedModel("oem", "BASE", "PRIVATE"));
        for (String action : List.of("approve", "reject", "suspend")) {
            decide("regulator-eu", filing, action, "not mine").then().statusCode(404);
        }
        as("regulator-eu").body(Map.of("decision", "APPROVED", "reason", "not mine"))
                .post("/api/v1/filings/" + filing + "/decision").then().statusCode(404);
        as("regulator-eu").queryParam("jurisdiction", "CN").get("/api/v1/filings/queue").then().statusCode(403);
        as("regulator").get("/api/v1/filings/" + filing).then().statusCode(200).body("status", equalTo("SUBMITTED"))
                .body("logIndex", equalTo(as("oem").get("/api/v1/filings/" + filing).then().extract()
                        .path("logIndex")));
        // the filer cannot decide its own filing either
        decide("oem", filing, "approve", "self-approval").then().statusCode(403);
    }

    @Test
    void aRegulatorHoldsAndLiftsOnlyInItsOwnJurisdiction() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        hold("regulator", version, "EU", "outside my remit").then().statusCode(403);
        hold("regulator-eu", version, "CN", "outside my remit").then().statusCode(403);
        hold("oem", version, "CN", "an OEM is no regulator").then().statusCode(403);
        String euHold = hold("regulator-eu", version, "EU", "EU concern").then().statusCode(201).extract().path("id");
        lift("regulator", euHold, "not mine to lift").then().statusCode(404);
        as("regulator-eu").get("/api/v1/holds/" + euHold).then().body("active", equalTo(true));
    }

    @Test
    void aRegulatorCannotWriteCatalogLicensingOrFilingData() {
        as("regulator").body(Map.of("slug", unique("reg"), "name", "Regulator model", "kind", "BASE",
                        "architecture", "llama", "parameterCount", 1_000_000L, "contextLength", 2048,
                        "visibility", "PUBLIC")).post("/api/v1/models").then().statusCode(403);
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        as("regulator").body(OfferBuilder.on(modelOf(base)).body()).post("/api/v1/models/" + modelOf(base) + "/offers")
                .then().statusCode(403);
        String offer = OfferBuilder.on(modelOf(base)).create("vendor");
        as("regulator").post("/api/v1/offers/" + offer + "/purchase").then().statusCode(403);
        as("regulator").body(Map.of("jurisdiction", "CN", "filingNumber", unique("CN-R"), "versions", List.of(base)))
                .post("/api/v1/filings").then().statusCode(403);
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        as("regulator").body(Map.of("parents", List.of(Map.of("version", base, "relation", "FINETUNE"))))
                .put(path(tune) + "/lineage").then().statusCode(403);
        declareParents("oem", tune, Map.of()).then().statusCode(200);
    }

    @Test
    void aRegulatorSeesOnlyItsOwnJurisdictionsView() {
        as("regulator").get("/api/v1/jurisdictions/EU/models").then().statusCode(403);
        as("regulator-eu").get("/api/v1/jurisdictions/CN/models").then().statusCode(403);
        as("oem").get("/api/v1/jurisdictions/CN/models").then().statusCode(403);
        as("regulator").get("/api/v1/jurisdictions/CN/models").then().statusCode(200);
    }
}
