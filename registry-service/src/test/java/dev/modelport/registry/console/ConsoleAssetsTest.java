package dev.modelport.registry.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The console's static files: revalidated on every use against a strong ETag, and the page gets a strict CSP. */
@QuarkusTest
@WithTestResource(RealStack.class)
class ConsoleAssetsTest {

    @Test
    void assetsAreRevalidatedWithAStrongEtagAndAnUnchangedFileCostsA304() {
        String etag = given().get("/console/app.js").then().statusCode(200)
                .header("Cache-Control", "no-cache")
                .header("Content-Type", containsString("text/javascript"))
                .header("ETag", matchesPattern("^\"[0-9a-f]{64}\"$"))
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/console/app.js").then().statusCode(304)
                .header("ETag", etag).body(emptyString());
        given().header("If-None-Match", "\"" + "0".repeat(64) + "\"").get("/console/app.js").then().statusCode(200);
    }

    @Test
    void thePageIsServedAtTheRootWithAContentSecurityPolicy() {
        given().get("/").then().statusCode(200)
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self' http://localhost:"))
                .body(containsString("<script type=\"module\" src=\"/console/app.js\">"));
    }

    @Test
    void routesThatAreNotFilesReachTheApi() {
        given().get("/console/config.json").then().statusCode(200)
                .body("clientId", equalTo("modelport-console"));
        given().get("/console/pages").then().statusCode(404);
        given().get("/console/no-such-file.js").then().statusCode(404);
    }
}
