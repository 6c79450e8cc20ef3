package dev.modelport.registry.filing;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may record and who may decide filings. */
@QuarkusTest
@WithTestResource(RealStack.class)
class FilingRulesTest {

    private static String file(String jurisdiction, String version) {
        return as("oem").body(Map.of("jurisdiction", jurisdiction, "filingNumber", unique(jurisdiction + "-F"),
                "versions", List.of(version))).post("/api/v1/filings").then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).extract().path("id");
    }

    @Test
    void onlyARegulatorOfTheFilingsJurisdictionDecides() {
        String filing = file("CN", publishedModel("oem", "BASE", "PRIVATE"));
        as("regulator-eu").body(Map.of("decision", "APPROVED", "reason", "complete"))
                .post("/api/v1/filings/" + filing + "/decision")
                .then().statusCode(404);
        as("oem").body(Map.of("decision", "APPROVED", "reason", "complete"))
                .post("/api/v1/filings/" + filing + "/decision")
                .then().statusCode(403);
        as("regulator").body(Map.of("decision", "APPROVED", "note", "complete"))
                .post("/api/v1/filings/" + filing + "/decision").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo("regulator"));
        as("regulator").body(Map.of("decision", "REJECTED", "reason", "incomplete"))
                .post("/api/v1/filings/" + filing + "/decision")
                .then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        as("regulator").body(Map.of("decision", "SUSPENDED", "reason", "under review"))
                .post("/api/v1/filings/" + filing + "/decision")
                .then().statusCode(200).body("status", equalTo("SUSPENDED"));
        as("regulator").queryParam("limit", 200).get("/api/v1/filings").then().body("items.id", hasItem(filing));
    }

    @Test
    void theFilerRecordsOnlyItsOwnPublishedVersionsWhereItOperates() {
        String own = publishedModel("oem", "BASE", "PRIVATE");
        as("oem").body(Map.of("jurisdiction", "US", "filingNumber", unique("US"), "versions", List.of(own)))
                .post("/api/v1/filings").then().statusCode(400);
        String foreign = publishedModel("oem2", "BASE", "PUBLIC");
        as("oem").body(Map.of("jurisdiction", "CN", "filingNumber", unique("CN"), "versions", List.of(foreign)))
                .post("/api/v1/filings").then().statusCode(400);
        String draft = draft("oem", model("oem", "BASE", "PRIVATE"), "1.0.0");
        as("oem").body(Map.of("jurisdiction", "CN", "filingNumber", unique("CN"), "versions", List.of(draft)))
                .post("/api/v1/filings").then().statusCode(400);
        as("vendor").body(Map.of("jurisdiction", "US", "filingNumber", unique("US"), "versions", List.of(own)))
                .post("/api/v1/filings").then().statusCode(403);
    }

    @Test
    void theFilerWithdrawsButCannotDecide() {
        String filing = file("EU", publishedModel("oem", "BASE", "PRIVATE"));
        as("regulator-eu").get("/api/v1/filings/" + filing).then().statusCode(200);
        as("oem").post("/api/v1/filings/" + filing + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        as("regulator-eu").body(Map.of("decision", "APPROVED", "reason", "complete"))
                .post("/api/v1/filings/" + filing + "/decision")
                .then().statusCode(409);
    }
}
