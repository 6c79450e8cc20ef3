package dev.modelport.registry.checkin;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.SimPhone;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract of {@code POST /device/v1/checkin}, which is a plain Vert.x route ({@link CheckinRoute}) rather
 * than a JAX-RS resource: the same problem+json answers as the rest of the API, body limits, and no Keycloak.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class CheckinRouteTest {

    private static SimPhone phone() {
        return SimPhone.enroll(SimPhone.enrollmentToken("oem", 1), deviceClass(), "x1", "DE", "14");
    }

    @Test
    void aCheckInWithoutBodyOrProfileIsNoUpdateWithAnEtag() {
        SimPhone phone = phone();
        String etag = given().auth().oauth2(phone.token()).post("/device/v1/checkin").then().statusCode(200)
                .contentType("application/json").body("action", equalTo("NO_UPDATE"))
                .extract().header("ETag");
        given().auth().oauth2(phone.token()).contentType("application/json").body("{}")
                .header("If-None-Match", etag).post("/device/v1/checkin").then().statusCode(304);
    }

    @Test
    void anInvalidProfileIsAProblemNamingEveryField() {
        given().auth().oauth2(phone().token()).contentType("application/json")
                .body(Map.of("profile", Map.of("region", "germany", "freeStorageBytes", -1),
                        "installed", Map.of("buildDigest", "md5:x")))
                .post("/device/v1/checkin").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItems("profile.region", "profile.freeStorageBytes", "installed.buildDigest"));
    }

    @Test
    void malformedJsonAndWrongTypesAreProblems() {
        String token = phone().token();
        given().auth().oauth2(token).contentType("application/json").body("{\"profile\":")
                .post("/device/v1/checkin").then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        given().auth().oauth2(token).contentType("application/json").body("{\"profile\":{\"freeStorageBytes\":\"x\"}}")
                .post("/device/v1/checkin").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("profile.freeStorageBytes"));
        given().auth().oauth2(token).contentType("text/plain").body("hello")
                .post("/device/v1/checkin").then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void aBodyOverTheJsonLimitIsRefusedWhetherDeclaredOrChunked() {
        String token = phone().token();
        String huge = "{\"profile\":{\"deviceModel\":\"" + "x".repeat(1_100_000) + "\"}}";
        given().auth().oauth2(token).contentType("application/json").body(huge)
                .post("/device/v1/checkin").then().statusCode(413).body("code", equalTo("PAYLOAD_TOO_LARGE"));
        // An InputStream body goes out chunked, without Content-Length.
        given().auth().oauth2(token).contentType("application/json")
                .body(new java.io.ByteArrayInputStream(huge.getBytes()))
                .post("/device/v1/checkin").then().statusCode(413).body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void onlyPostAndOnlyDeviceTokens() {
        given().get("/device/v1/checkin").then().statusCode(405).header("Allow", "POST")
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
        // An operator's Keycloak token is no device token: the route never consults Keycloak.
        as("oem").contentType("application/json").body("{}").post("/device/v1/checkin").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("DEVICE_UNAUTHENTICATED"));
    }
}
