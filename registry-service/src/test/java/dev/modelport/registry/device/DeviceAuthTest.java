package dev.modelport.registry.device;

import static dev.modelport.registry.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.RealStack;
import dev.modelport.signing.key.Ed25519PrivateKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phones enroll with an OEM's token, prove their key once per token, and can only ever act as themselves. */
@QuarkusTest
@WithTestResource(RealStack.class)
class DeviceAuthTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A simulated phone: its own key pair, as the OTA client keeps it in its state directory. */
    record Phone(Ed25519PrivateKey key, String deviceId) {

        ValidatableResponse requestToken(String asDeviceId, Instant at, String nonce) {
            String timestamp = at.toString();
            byte[] signed = DeviceService.tokenRequestBytes(asDeviceId, timestamp, nonce);
            String signature = Base64.getEncoder().encodeToString(key.signer().sign(signed));
            return given().contentType("application/json")
                    .body(Map.of("deviceId", asDeviceId, "timestamp", timestamp, "nonce", nonce,
                            "signature", signature))
                    .post("/device/v1/token").then();
        }

        String token() {
            return requestToken(deviceId, Instant.now(), nonce()).statusCode(200)
                    .extract().path("token");
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String enrollmentToken(String oemUser, int maxDevices) {
        return as(oemUser).body(Map.of("label", Api.unique("batch"), "maxDevices", maxDevices, "validDays", 30))
                .post("/api/v1/enrollment-tokens").then().statusCode(201).extract().path("secret");
    }

    private static ValidatableResponse enroll(String enrollmentToken, Ed25519PrivateKey key) {
        return given().contentType("application/json")
                .body(Map.of("enrollmentToken", enrollmentToken,
                        "publicKey", Base64.getEncoder().encodeToString(key.publicKey().raw()),
                        "profile", Map.of("deviceClass", "sd8g3-16g", "region", "CN", "futureField", 1)))
                .post("/device/v1/enroll").then();
    }

    private static Phone enrolledPhone(String oemUser) {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        String id = enroll(enrollmentToken(oemUser, 5), key).statusCode(200).extract().path("deviceId");
        return new Phone(key, id);
    }

    @Test
    void enrolledPhoneGetsATokenAndIsItself() {
        Phone phone = enrolledPhone("oem");
        given().auth().oauth2(phone.token()).get("/device/v1/me").then().statusCode(200)
                .body("deviceId", equalTo(phone.deviceId()))
                .body("owner", equalTo("orion-mobile"));
    }

    @Test
    void enrollingAgainWithTheSameKeyReturnsTheSameDevice() {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        String token = enrollmentToken("oem", 1);
        String first = enroll(token, key).statusCode(200).extract().path("deviceId");
        enroll(token, key).statusCode(200).body("deviceId", equalTo(first));
    }

    @Test
    void enrollmentTokenIsLimitedToItsDeviceCount() {
        String token = enrollmentToken("oem", 1);
        enroll(token, Ed25519PrivateKey.generate()).statusCode(200);
        enroll(token, Ed25519PrivateKey.generate()).statusCode(401).body("code", equalTo("ENROLLMENT_REFUSED"));
    }

    @Test
    void unknownEnrollmentTokenIsRefused() {
        enroll("mpe_not-a-real-token", Ed25519PrivateKey.generate()).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("ENROLLMENT_REFUSED"));
    }

    @Test
    void phoneCannotGetATokenAsAnotherDevice() {
        Phone victim = enrolledPhone("oem");
        Phone attacker = enrolledPhone("oem");
        attacker.requestToken(victim.deviceId(), Instant.now(), nonce()).statusCode(401)
                .body("code", equalTo("DEVICE_UNAUTHENTICATED"));
    }

    @Test
    void tamperedTokenNamingAnotherDeviceIsRefused() {
        Phone victim = enrolledPhone("oem");
        Phone attacker = enrolledPhone("oem");
        String[] parts = attacker.token().split("\\.");
        String forged = parts[0] + "." + victim.deviceId() + "." + parts[2] + "." + parts[3] + "." + parts[4];
        given().auth().oauth2(forged).get("/device/v1/me").then().statusCode(401)
                .body("code", equalTo("DEVICE_UNAUTHENTICATED"));
    }

    @Test
    void replayedSignedRequestIsRefused() {
        Phone phone = enrolledPhone("oem");
        Instant now = Instant.now();
        String nonce = nonce();
        phone.requestToken(phone.deviceId(), now, nonce).statusCode(200);
        phone.requestToken(phone.deviceId(), now, nonce).statusCode(401).body("code", equalTo("DEVICE_REPLAY"));
    }

    @Test
    void staleSignedRequestIsRefused() {
        Phone phone = enrolledPhone("oem");
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        phone.requestToken(phone.deviceId(), anHourAgo, nonce()).statusCode(401).body("code", equalTo("DEVICE_REPLAY"));
    }

    @Test
    void revokedPhoneIsRefusedAtOnce() {
        Phone phone = enrolledPhone("oem");
        String token = phone.token();
        as("oem").post("/api/v1/devices/" + phone.deviceId() + "/revoke").then().statusCode(200)
                .body("status", equalTo("REVOKED"));
        given().auth().oauth2(token).get("/device/v1/me").then().statusCode(401);
        phone.requestToken(phone.deviceId(), Instant.now(), nonce()).statusCode(401);
    }

    @Test
    void anotherOemCannotRevokeOrListTheFleet() {
        Phone phone = enrolledPhone("oem");
        as("oem2").post("/api/v1/devices/" + phone.deviceId() + "/revoke").then().statusCode(403);
        as("oem2").queryParam("owner", "orion-mobile").get("/api/v1/devices").then().statusCode(403);
        as("oem2").get("/api/v1/devices/" + phone.deviceId()).then().statusCode(403);
        given().auth().oauth2(phone.token()).get("/device/v1/me").then().statusCode(200);
    }

    @Test
    void ownerAndRegulatorOfTheJurisdictionSeeTheFleet() {
        Phone phone = enrolledPhone("oem");
        as("oem").queryParam("limit", 200).get("/api/v1/devices").then().statusCode(200)
                .body("items.deviceId", hasItem(phone.deviceId()));
        as("regulator").get("/api/v1/devices/" + phone.deviceId()).then().statusCode(200)
                .body("profile.deviceClass", equalTo("sd8g3-16g"));
        as("regulator").post("/api/v1/devices/" + phone.deviceId() + "/revoke").then().statusCode(403);
    }

    @Test
    void operatorTokenIsNotADeviceTokenAndViceVersa() {
        Phone phone = enrolledPhone("oem");
        given().auth().oauth2(Api.token("oem")).get("/device/v1/me").then().statusCode(401);
        given().auth().oauth2(phone.token()).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void oemOfAnotherTenantEnrollsIntoItsOwnFleetOnly() {
        Phone pixelonPhone = enrolledPhone("oem2");
        given().auth().oauth2(pixelonPhone.token()).get("/device/v1/me").then().body("owner", equalTo("pixelon"));
        as("oem").queryParam("limit", 200).get("/api/v1/devices").then()
                .body("items.deviceId", not(hasItem(pixelonPhone.deviceId())));
    }
}
