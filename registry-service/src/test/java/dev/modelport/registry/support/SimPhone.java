package dev.modelport.registry.support;

import static dev.modelport.registry.support.Api.as;
import static io.restassured.RestAssured.given;

import dev.modelport.registry.device.DeviceService;
import dev.modelport.signing.key.Ed25519PrivateKey;
import io.restassured.response.ValidatableResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A simulated phone speaking the OTA client's wire protocol (docs/ota-client.md) through the real device API: it
 * enrolls with an OEM's enrollment token and its own Ed25519 key, mints signed device tokens, checks in with its
 * profile and installed build, and reports events.
 */
public final class SimPhone {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519PrivateKey key;
    private final String deviceId;
    private final Map<String, Object> profile;
    private String installed;
    private String token;

    private SimPhone(Ed25519PrivateKey key, String deviceId, Map<String, Object> profile) {
        this.key = key;
        this.deviceId = deviceId;
        this.profile = profile;
    }

    /** An enrollment secret of {@code oemUser}'s organisation for up to {@code devices} phones. */
    public static String enrollmentToken(String oemUser, int devices) {
        return as(oemUser).body(Map.of("label", Api.unique("batch"), "maxDevices", devices, "validDays", 30))
                .post("/api/v1/enrollment-tokens").then().statusCode(201).extract().path("secret");
    }

    /** Enrolls a phone with this profile (deviceClass, deviceModel, region, osVersion). */
    public static SimPhone enroll(String enrollmentToken, String deviceClass, String deviceModel, String region,
                                  String osVersion) {
        Map<String, Object> profile = new HashMap<>();
        profile.put("deviceClass", deviceClass);
        profile.put("deviceModel", deviceModel);
        profile.put("region", region);
        profile.put("osVersion", osVersion);
        profile.put("runtimeVersion", "b4500");
        profile.put("freeStorageBytes", 8_000_000_000L);
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        String id = given().contentType("application/json")
                .body(Map.of("enrollmentToken", enrollmentToken,
                        "publicKey", Base64.getEncoder().encodeToString(key.publicKey().raw()), "profile", profile))
                .post("/device/v1/enroll").then().statusCode(200).extract().path("deviceId");
        return new SimPhone(key, id, profile);
    }

    public String deviceId() {
        return deviceId;
    }

    public String installed() {
        return installed;
    }

    /** Pretends the phone installed {@code digest} (as after an UPDATE and a healthy swap). */
    public SimPhone installed(String digest) {
        this.installed = digest;
        return this;
    }

    /** A signed token request for {@code asDevice} at {@code at} with {@code nonce}, signed with this phone's key. */
    public ValidatableResponse requestToken(String asDevice, Instant at, String nonce) {
        String timestamp = at.toString();
        byte[] signed = DeviceService.tokenRequestBytes(asDevice, timestamp, nonce);
        return given().contentType("application/json")
                .body(Map.of("deviceId", asDevice, "timestamp", timestamp, "nonce", nonce,
                        "signature", Base64.getEncoder().encodeToString(key.signer().sign(signed))))
                .post("/device/v1/token").then();
    }

    public String token() {
        if (token == null) {
            token = requestToken(deviceId, Instant.now(), nonce()).statusCode(200).extract().path("token");
        }
        return token;
    }

    public static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public ValidatableResponse checkin() {
        return checkin(null);
    }

    /** Checks in with the phone's profile and installed build, optionally with {@code If-None-Match}. */
    public ValidatableResponse checkin(String etag) {
        Map<String, Object> body = new HashMap<>();
        body.put("profile", profile);
        body.put("installed", installed == null ? null : Map.of("buildDigest", installed));
        body.put("someFutureField", true);
        var request = given().auth().oauth2(token()).contentType("application/json").body(body);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return request.post("/device/v1/checkin").then();
    }

    /** The check-in action, and on UPDATE or ROLLBACK the phone "installs" the target (without reporting). */
    public String checkinAndInstall() {
        var r = checkin().statusCode(200).extract();
        String action = r.path("action");
        if ("UPDATE".equals(action) || "ROLLBACK".equals(action)) {
            installed = r.path("target.digest");
        }
        return action;
    }

    /** One event, as the client sends it. */
    public static Map<String, Object> event(String eventId, String type, String digest, String reason) {
        Map<String, Object> e = new HashMap<>();
        e.put("eventId", eventId);
        e.put("type", type);
        e.put("buildDigest", digest);
        e.put("reason", reason);
        e.put("at", Instant.now().toString());
        return e;
    }

    public ValidatableResponse report(List<Map<String, Object>> events) {
        return given().auth().oauth2(token()).contentType("application/json").body(Map.of("events", events))
                .post("/device/v1/reports").then();
    }

    /** Reports the whole install of {@code digest} ending HEALTHY, or FAILED with {@code failure}. */
    public void reportInstall(String digest, String failure) {
        List<Map<String, Object>> events = new ArrayList<>();
        String attempt = UUID.randomUUID().toString();
        events.add(event(attempt + "-d", "DOWNLOADING", digest, null));
        events.add(event(attempt + "-v", "VERIFIED", digest, null));
        if (failure == null) {
            events.add(event(attempt + "-i", "INSTALLED", digest, null));
            events.add(event(attempt + "-h", "HEALTHY", digest, null));
        } else {
            events.add(event(UUID.randomUUID().toString(), "FAILED", digest, failure));
        }
        report(events).statusCode(200);
    }
}
