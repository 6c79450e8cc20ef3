package dev.modelport.registry.support;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;

import java.util.List;
import java.util.Map;

/** Filings, decisions and holds through the public API, for the regulator-workflow tests. */
public final class RegulatorFixtures {

    private RegulatorFixtures() {
    }

    /** {@code user} files {@code versions} in {@code jurisdiction} under a fresh number; returns the filing id. */
    public static String file(String user, String jurisdiction, String... versions) {
        return as(user).body(Map.of("jurisdiction", jurisdiction, "filingNumber", unique(jurisdiction + "-F"),
                "versions", List.of(versions))).post("/api/v1/filings").then().statusCode(201).extract().path("id");
    }

    /** {@code regulator} approves, rejects or suspends ({@code action}) a filing with a reason. */
    public static io.restassured.response.Response decide(String regulator, String filingId, String action,
                                                          String reason) {
        return as(regulator).body(Map.of("reason", reason)).post("/api/v1/filings/" + filingId + "/" + action);
    }

    public static io.restassured.response.Response hold(String regulator, String version, String jurisdiction,
                                                        String reason) {
        return as(regulator).body(Map.of("version", version, "jurisdiction", jurisdiction, "reason", reason))
                .post("/api/v1/holds");
    }

    public static io.restassured.response.Response lift(String regulator, String holdId, String reason) {
        return as(regulator).body(Map.of("reason", reason)).post("/api/v1/holds/" + holdId + "/lift");
    }
}
