package dev.modelport.registry.catalog;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Bad input gets a problem+json 4xx that says what is wrong, and nothing is written. */
@QuarkusTest
@WithTestResource(RealStack.class)
class BadInputTest {

    @Inject
    DataSource db;

    private static Map<String, Object> model(String slug) {
        Map<String, Object> body = new HashMap<>(Map.of("slug", slug, "name", "Bad input probe", "kind", "BASE",
                "architecture", "llama", "parameterCount", 7_000_000_000L, "contextLength", 4096,
                "visibility", "PUBLIC"));
        return body;
    }

    private long modelsNamed(String slug) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM model WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long orgCount() throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM organisation")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void malformedJsonIsRefusedAndWritesNothing() throws SQLException {
        String slug = unique("malformed");
        as("vendor").body("{\"slug\":\"" + slug + "\",\"name\": ").post("/api/v1/models").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"))
                .body("status", equalTo(400));
        assertThat(modelsNamed(slug)).isZero();
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheAllowedValues() throws SQLException {
        String slug = unique("enum");
        Map<String, Object> body = model(slug);
        body.put("kind", "SELF_MADE");
        as("vendor").body(body).post("/api/v1/models").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_VALUE"))
                .body("errors.field", hasItem("kind"))
                .body("detail", containsString("FINETUNE"));
        assertThat(modelsNamed(slug)).isZero();
    }

    @Test
    void oversizedFieldsAreRefusedAndWriteNothing() throws SQLException {
        String slug = unique("big");
        Map<String, Object> body = model(slug);
        body.put("name", "n".repeat(201));
        body.put("description", "d".repeat(4001));
        as("vendor").body(body).post("/api/v1/models").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("description"));
        assertThat(modelsNamed(slug)).isZero();
    }

    @Test
    void missingAndMalformedFieldsAreEachNamed() {
        Map<String, Object> body = model("Not A Slug!");
        body.remove("architecture");
        body.put("parameterCount", -5);
        as("vendor").body(body).post("/api/v1/models").then().statusCode(400)
                .body("errors.field", hasItem("slug"))
                .body("errors.field", hasItem("architecture"))
                .body("errors.field", hasItem("parameterCount"));
    }

    @Test
    void unknownFieldIsRefused() throws SQLException {
        String slug = unique("extra");
        Map<String, Object> body = model(slug);
        body.put("owner", "someone-else");
        as("vendor").body(body).post("/api/v1/models").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD"))
                .body("errors.field", hasItem("owner"));
        assertThat(modelsNamed(slug)).isZero();
    }

    @Test
    void duplicateModelSlugIsAConflictAndKeepsTheFirst() throws SQLException {
        String slug = unique("dup");
        as("vendor").body(model(slug)).post("/api/v1/models").then().statusCode(201);
        Map<String, Object> second = model(slug);
        second.put("name", "Second");
        as("vendor").body(second).post("/api/v1/models").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_SLUG"));
        assertThat(modelsNamed(slug)).isEqualTo(1);
        as("vendor").get("/api/v1/models/acme-ai/" + slug).then().body("name", equalTo("Bad input probe"));
    }

    @Test
    void duplicateOrganisationSlugIsAConflict() throws SQLException {
        long before = orgCount();
        as("admin").body(Map.of("slug", "acme-ai", "name", "Impostor", "kind", "VENDOR",
                "jurisdictions", new String[] {"US"})).post("/api/v1/orgs").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_SLUG"));
        assertThat(orgCount()).isEqualTo(before);
        as("admin").get("/api/v1/orgs/acme-ai").then().body("name", equalTo("Acme AI"));
    }

    @Test
    void badJurisdictionCodeIsRefused() throws SQLException {
        long before = orgCount();
        as("admin").body(Map.of("slug", unique("juris"), "name", "X", "kind", "OEM",
                "jurisdictions", new String[] {"china"})).post("/api/v1/orgs").then().statusCode(400)
                .body("errors.field", hasItem(containsString("jurisdictions")));
        assertThat(orgCount()).isEqualTo(before);
    }

    @Test
    void unknownModelIsNotFound() {
        as("vendor").get("/api/v1/models/acme-ai/" + unique("missing")).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void badCursorIsRefused() {
        as("vendor").queryParam("cursor", "!!!").get("/api/v1/orgs").then().statusCode(400)
                .body("code", equalTo("BAD_CURSOR"));
    }
}
