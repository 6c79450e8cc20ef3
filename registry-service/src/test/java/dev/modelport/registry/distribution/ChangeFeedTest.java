package dev.modelport.registry.distribution;

import static dev.modelport.registry.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelport.registry.device.DeviceService;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.RealStack;
import dev.modelport.signing.key.Ed25519PrivateKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Changes committed by another instance reach this one through PostgreSQL LISTEN/NOTIFY within the propagation
 * target, and a lost listening connection is re-established and followed by a full reload. "Another instance" is a
 * plain JDBC transaction here that does what a second registry instance's revocation does (mark the device revoked
 * and {@code pg_notify} in the same transaction); the three-instance cluster test covers real separate instances.
 * The revocation safety reload runs only once a minute, so a refusal within seconds can only come from the feed.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class ChangeFeedTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TARGET = Duration.ofSeconds(2);

    @Inject
    DataSource db;

    @Inject
    ChangeFeed feed;

    @Test
    void revocationCommittedElsewhereIsRefusedHereWithinTwoSeconds() throws Exception {
        awaitListening();
        Phone phone = enrolledPhone();
        String token = phone.token();
        given().auth().oauth2(token).get("/device/v1/me").then().statusCode(200);

        long committedAt = System.nanoTime();
        revokeAsAnotherInstance(phone.deviceId(), true);

        long refusedAfter = awaitRefused(token, Duration.ofSeconds(10), committedAt);
        assertTrue(refusedAfter <= TARGET.toMillis(), "refused only after " + refusedAfter + " ms");
    }

    @Test
    void notificationRolledBackIsNeverDelivered() throws Exception {
        awaitListening();
        Phone phone = enrolledPhone();
        String token = phone.token();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            markRevoked(c, phone.deviceId());
            notifyRevocation(c);
            c.rollback();
        }
        Thread.sleep(TARGET.toMillis());
        given().auth().oauth2(token).get("/device/v1/me").then().statusCode(200);
    }

    @Test
    void afterTheListeningConnectionIsKilledItReconnectsAndReloadsWhatItMissed() throws Exception {
        awaitListening();
        Phone phone = enrolledPhone();
        String token = phone.token();
        given().auth().oauth2(token).get("/device/v1/me").then().statusCode(200);

        try (Connection c = db.getConnection(); PreparedStatement kill = c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            kill.setString(1, ChangeFeed.APPLICATION_NAME);
            var rs = kill.executeQuery();
            rs.next();
            assertTrue(rs.getInt(1) >= 1, "no listening connection to terminate");
        }
        // Committed while nobody listens and without any notification: only the reload after reconnecting finds it.
        long committedAt = System.nanoTime();
        revokeAsAnotherInstance(phone.deviceId(), false);

        long refusedAfter = awaitRefused(token, Duration.ofSeconds(20), committedAt);
        assertTrue(refusedAfter <= 5_000, "refused only after " + refusedAfter + " ms");
        awaitListening();
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!feed.listening()) {
            assertTrue(System.nanoTime() < deadline, "the change feed never connected");
            Thread.sleep(50);
        }
    }

    private static long awaitRefused(String token, Duration atMost, long since) throws InterruptedException {
        long deadline = since + atMost.toNanos();
        while (given().auth().oauth2(token).get("/device/v1/me").statusCode() == 200) {
            assertTrue(System.nanoTime() < deadline, "still accepted after " + atMost);
            Thread.sleep(50);
        }
        assertEquals(401, given().auth().oauth2(token).get("/device/v1/me").statusCode());
        return Duration.ofNanos(System.nanoTime() - since).toMillis();
    }

    private void revokeAsAnotherInstance(String deviceId, boolean notify) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            markRevoked(c, deviceId);
            if (notify) {
                notifyRevocation(c);
            }
            c.commit();
        }
    }

    private static void markRevoked(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE device SET status = 'REVOKED', revoked_at = now() WHERE id = ?")) {
            s.setString(1, deviceId);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static void notifyRevocation(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, ChangeFeed.CHANNEL);
            s.setString(2, RemoteChange.REVOCATIONS + " other-instance-" + UUID.randomUUID());
            s.executeQuery();
        }
    }

    /** A simulated phone with its own key, enrolled under a fresh enrollment token of the OEM. */
    record Phone(Ed25519PrivateKey key, String deviceId) {

        String token() {
            byte[] nonceBytes = new byte[18];
            RANDOM.nextBytes(nonceBytes);
            String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
            String timestamp = Instant.now().toString();
            String signature = Base64.getEncoder().encodeToString(
                    key.signer().sign(DeviceService.tokenRequestBytes(deviceId, timestamp, nonce)));
            return given().contentType("application/json")
                    .body(Map.of("deviceId", deviceId, "timestamp", timestamp, "nonce", nonce,
                            "signature", signature))
                    .post("/device/v1/token").then().statusCode(200).extract().path("token");
        }
    }

    private static Phone enrolledPhone() {
        String enrollment = as("oem").body(Map.of("label", Api.unique("feed"), "maxDevices", 1, "validDays", 1))
                .post("/api/v1/enrollment-tokens").then().statusCode(201).extract().path("secret");
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        String id = given().contentType("application/json")
                .body(Map.of("enrollmentToken", enrollment,
                        "publicKey", Base64.getEncoder().encodeToString(key.publicKey().raw()),
                        "profile", Map.of("deviceClass", "sd8g3-16g", "region", "CN")))
                .post("/device/v1/enroll").then().statusCode(200).extract().path("deviceId");
        return new Phone(key, id);
    }
}
