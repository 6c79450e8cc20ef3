package dev.modelport.registry.blob.device;

import static dev.modelport.registry.support.Api.as;
import static io.restassured.RestAssured.given;

import dev.modelport.registry.device.DeviceService;
import dev.modelport.registry.support.Api;
import dev.modelport.signing.key.Ed25519PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** Phones enrolled through the real device API, with a fresh device token each. */
final class DevicePhones {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DevicePhones() {
    }

    /** Enrolls a new phone with an enrollment token of {@code oemUser}'s organisation; returns its device token. */
    static String tokenOfNewPhone(String oemUser) {
        String enrollment = as(oemUser)
                .body(Map.of("label", Api.unique("batch"), "maxDevices", 1, "validDays", 1))
                .post("/api/v1/enrollment-tokens").then().statusCode(201).extract().path("secret");
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        String deviceId = given().contentType("application/json")
                .body(Map.of("enrollmentToken", enrollment,
                        "publicKey", Base64.getEncoder().encodeToString(key.publicKey().raw())))
                .post("/device/v1/enroll").then().statusCode(200).extract().path("deviceId");
        String timestamp = Instant.now().toString();
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        String signature = Base64.getEncoder().encodeToString(
                key.signer().sign(DeviceService.tokenRequestBytes(deviceId, timestamp, nonce)));
        return given().contentType("application/json")
                .body(Map.of("deviceId", deviceId, "timestamp", timestamp, "nonce", nonce, "signature", signature))
                .post("/device/v1/token").then().statusCode(200).extract().path("token");
    }
}
