package dev.modelport.registry.tenancy;

import static dev.modelport.registry.support.Api.anonymous;
import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tenancy rule end to end, with real tokens from the real Keycloak for each role. Demo users and their
 * organisations: oem → orion-mobile (CN, EU), oem2 → pixelon (US), regulator → cn-cac (CN),
 * regulator-eu → eu-ai-office (EU), vendor → acme-ai, admin → modelport, nobody → no role.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class TenancyEndToEndTest {

    private static Map<String, Object> model(String slug, String visibility) {
        return Map.of("slug", slug, "name", "Model " + slug, "kind", "FINETUNE", "architecture", "llama",
                "parameterCount", 1_000_000_000L, "contextLength", 4096, "visibility", visibility);
    }

    private static String createPrivateModel(String user) {
        String slug = unique("private");
        as(user).body(model(slug, "PRIVATE")).post("/api/v1/models").then().statusCode(201);
        return slug;
    }

    @Test
    void noTokenIsUnauthenticatedWithProblemBody() {
        anonymous().get("/api/v1/models").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void garbageTokenIsUnauthenticated() {
        given().auth().oauth2("not.a.token").get("/api/v1/models").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void tokenSignedByAnotherIssuerIsUnauthenticated() {
        String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwib3JnIjoib3Jpb24tbW9iaWxlIiwicmVhbG1fYWNjZXNzIjp7InJvbGVz"
                + "IjpbImFkbWluIl19fQ.c2lnbmF0dXJl";
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void meShowsTheOrganisationFromTheToken() {
        as("oem").get("/api/v1/me").then().statusCode(200)
                .body("org", equalTo("orion-mobile"))
                .body("orgKind", equalTo("OEM"))
                .body("roles", hasItem("oem"));
    }

    @Test
    void wrongRoleIsForbidden() {
        as("regulator").body(model(unique("reg"), "PUBLIC")).post("/api/v1/models").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as("oem").body(Map.of("slug", unique("org"), "name", "X", "kind", "OEM", "jurisdictions", new String[0]))
                .post("/api/v1/orgs").then().statusCode(403);
        as("nobody").body(model(unique("none"), "PUBLIC")).post("/api/v1/models").then().statusCode(403);
    }

    @Test
    void ownerReadsAndWritesItsPrivateModel() {
        String slug = createPrivateModel("oem");
        as("oem").get("/api/v1/models/orion-mobile/" + slug).then().statusCode(200)
                .body("visibility", equalTo("PRIVATE"))
                .body("owner", equalTo("orion-mobile"));
        Map<String, Object> changed = Map.of("name", "Renamed", "kind", "FINETUNE", "architecture", "llama",
                "parameterCount", 1_000_000_000L, "contextLength", 8192, "visibility", "PRIVATE");
        as("oem").body(changed).put("/api/v1/models/orion-mobile/" + slug).then().statusCode(200)
                .body("contextLength", equalTo(8192));
    }

    @Test
    void foreignOrganisationCannotReadOrWriteAPrivateModel() {
        String slug = createPrivateModel("oem");
        as("oem2").get("/api/v1/models/orion-mobile/" + slug).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        as("vendor").get("/api/v1/models/orion-mobile/" + slug).then().statusCode(403);
        Map<String, Object> hijack = Map.of("name", "Mine now", "kind", "FINETUNE", "architecture", "llama",
                "parameterCount", 1L, "contextLength", 1, "visibility", "PUBLIC");
        as("oem2").body(hijack).put("/api/v1/models/orion-mobile/" + slug).then().statusCode(403);
        as("oem").get("/api/v1/models/orion-mobile/" + slug).then().body("name", equalTo("Model " + slug));
    }

    @Test
    void foreignPrivateModelIsNotListed() {
        String slug = createPrivateModel("oem");
        as("oem2").queryParam("q", slug).get("/api/v1/models").then().statusCode(200)
                .body("items.slug", not(hasItem(slug)));
        as("oem").queryParam("q", slug).get("/api/v1/models").then().statusCode(200)
                .body("items.slug", hasItem(slug));
    }

    @Test
    void regulatorOfTheJurisdictionReadsButCannotWrite() {
        String slug = createPrivateModel("oem");
        as("regulator").get("/api/v1/models/orion-mobile/" + slug).then().statusCode(200)
                .body("slug", equalTo(slug));
        as("regulator").queryParam("q", slug).get("/api/v1/models").then().body("items.slug", hasItem(slug));
        Map<String, Object> edit = Map.of("name", "Regulated", "kind", "FINETUNE", "architecture", "llama",
                "parameterCount", 1L, "contextLength", 1, "visibility", "PUBLIC");
        as("regulator").body(edit).put("/api/v1/models/orion-mobile/" + slug).then().statusCode(403);
    }

    @Test
    void regulatorOfAnotherJurisdictionCannotRead() {
        String slug = createPrivateModel("oem2"); // pixelon operates in US only
        as("regulator").get("/api/v1/models/pixelon/" + slug).then().statusCode(403);
        as("regulator").queryParam("q", slug).get("/api/v1/models").then().body("items.slug", not(hasItem(slug)));
    }

    @Test
    void adminReadsEveryPrivateModel() {
        String slug = createPrivateModel("oem2");
        as("admin").get("/api/v1/models/pixelon/" + slug).then().statusCode(200);
    }

    @Test
    void publicModelIsReadableByEveryone() {
        String slug = unique("open");
        as("vendor").body(model(slug, "PUBLIC")).post("/api/v1/models").then().statusCode(201);
        as("oem2").get("/api/v1/models/acme-ai/" + slug).then().statusCode(200);
        as("nobody").get("/api/v1/models/acme-ai/" + slug).then().statusCode(200);
    }

    @Test
    void oemCiServiceAccountPublishesForItsOrganisation() {
        String token = Api.serviceAccountToken("orion-ci", "orion-ci-dev-secret");
        String slug = unique("ci");
        given().auth().oauth2(token).contentType("application/json").body(model(slug, "PRIVATE"))
                .post("/api/v1/models").then().statusCode(201).body("owner", equalTo("orion-mobile"));
    }
}
