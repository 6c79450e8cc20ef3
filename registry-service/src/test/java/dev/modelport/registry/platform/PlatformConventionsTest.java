package dev.modelport.registry.platform;

import static dev.modelport.registry.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, metrics, OpenAPI, error format and paging: what every client and operator relies on. */
@QuarkusTest
@WithTestResource(RealStack.class)
class PlatformConventionsTest {

    @Test
    void healthIsUpWithTheDatabaseCheck() {
        given().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void metricsArePrometheusText() {
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("http_server_requests"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", notNullValue())
                .body("paths.'/api/v1/orgs'", notNullValue())
                .body("paths.'/api/v1/models/{owner}/{model}'", notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void unknownApiPathIsAProblem() {
        as("vendor").get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", containsString("/problems/not-found"));
    }

    @Test
    void wrongMethodIsAProblem() {
        as("vendor").delete("/api/v1/orgs").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void organisationsPageWithCursors() {
        String next = as("vendor").queryParam("limit", 2).get("/api/v1/orgs").then().statusCode(200)
                .body("items", hasSize(2)).extract().path("nextCursor");
        as("vendor").queryParam("limit", 2).queryParam("cursor", next).get("/api/v1/orgs").then().statusCode(200)
                .body("items", hasSize(2));
    }

    @Test
    void limitOutOfRangeIsRefused() {
        as("vendor").queryParam("limit", 0).get("/api/v1/orgs").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }
}
