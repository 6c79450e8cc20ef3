package dev.modelport.registry.trust;

import static dev.modelport.registry.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.modelport.registry.support.RealStack;
import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.tuf.RootMetadata;
import dev.modelport.signing.tuf.SignedMetadata;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Key management end to end: the generated root, OEM keys, rotation and revocation, each a logged key event. */
@QuarkusTest
@WithTestResource(RealStack.class)
class TrustKeysTest {

    @Inject
    DataSource db;

    @Inject
    TrustKeyService keys;

    private static SignedMetadata<RootMetadata> root(String path) {
        return SignedMetadata.parseRoot(as("vendor").get(path).then().statusCode(200).extract().asByteArray());
    }

    private long keyEventsAbout(String keyId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM tlog_leaf WHERE subject_digest = ? AND predicate_type LIKE '%key-event%'")) {
            s.setString(1, keyId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void theGeneratedRootIsTwoOfThreeAndSignedByItself() {
        SignedMetadata<RootMetadata> root = root("/api/v1/trust/root");
        RootMetadata r = root.signed();

        assertThat(r.role("root").threshold()).isEqualTo(2);
        assertThat(r.role("root").keyIds()).hasSize(3);
        assertThat(r.consistentSnapshot()).isTrue();
        root.verify("root", r.role("root"), r.keys());
    }

    @Test
    void everyPlatformKeyIsSealedAtRestAndWasLoggedWhenCreated() throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT key_id, sealed_seed, protector FROM trust_key WHERE custody = 'PLATFORM'");
             ResultSet r = s.executeQuery()) {
            int rows = 0;
            while (r.next()) {
                rows++;
                // format byte + 12-byte nonce + 32-byte seed + 16-byte GCM tag: nothing stored in the clear
                assertThat(r.getBytes("sealed_seed")).hasSize(1 + 12 + 32 + 16);
                assertThat(r.getString("protector")).startsWith("aes-256-gcm:");
                assertThat(keyEventsAbout(r.getString("key_id"))).isPositive();
            }
            assertThat(rows).isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void onlyAdminsListEveryKey() {
        as("oem").get("/api/v1/trust/keys").then().statusCode(403);
        as("admin").queryParam("role", "ROOT").get("/api/v1/trust/keys").then().statusCode(200)
                .body("items.role", hasItem("ROOT"));
    }

    @Test
    void anOemRegistersRotatesAndRevokesItsOwnKey() throws Exception {
        as("admin").queryParam("owner", "orion-mobile").queryParam("role", "OEM").get("/api/v1/trust/keys").then()
                .extract().jsonPath().getList("items.findAll { it.status == 'ACTIVE' }.keyId", String.class)
                .forEach(id -> as("admin").body(Map.of("reason", "test reset"))
                        .post("/api/v1/trust/keys/" + id + "/revoke").then().statusCode(200));
        Ed25519PrivateKey first = Ed25519PrivateKey.generate();

        String keyId = as("oem").body(Map.of("custody", "OEM", "publicKey", first.publicKey().pem()))
                .post("/api/v1/trust/oems/orion-mobile/keys").then().statusCode(201)
                .body("owner", equalTo("orion-mobile")).body("custody", equalTo("OEM"))
                .extract().path("keyId");
        assertThat(keyId).isEqualTo(first.publicKey().keyId());
        assertThat(keyEventsAbout(keyId)).isEqualTo(1);
        as("oem").body(Map.of("custody", "PLATFORM")).post("/api/v1/trust/oems/orion-mobile/keys").then()
                .statusCode(409).body("code", equalTo("OEM_KEY_EXISTS"));
        as("oem2").body(Map.of("custody", "PLATFORM")).post("/api/v1/trust/oems/orion-mobile/keys").then()
                .statusCode(403);

        Ed25519PrivateKey second = Ed25519PrivateKey.generate();
        as("oem").body(Map.of("reason", "rotation drill", "publicKey", second.publicKey().hex()))
                .post("/api/v1/trust/keys/" + keyId + "/rotate").then().statusCode(200)
                .body("previous.status", equalTo("RETIRED"))
                .body("current.keyId", equalTo(second.publicKey().keyId()));
        assertThat(keyEventsAbout(second.publicKey().keyId())).isEqualTo(1);

        as("oem2").body(Map.of("reason", "not mine")).post("/api/v1/trust/keys/" + second.publicKey().keyId()
                + "/revoke").then().statusCode(403);
        as("oem").body(Map.of("reason", "lost laptop")).post("/api/v1/trust/keys/" + second.publicKey().keyId()
                + "/revoke").then().statusCode(200).body("previous.status", equalTo("REVOKED"));
        assertThat(keyEventsAbout(second.publicKey().keyId())).isEqualTo(2);
    }

    @Test
    void aBadPublicKeyIsRefused() {
        as("oem2").body(Map.of("custody", "OEM", "publicKey", "00".repeat(32)))
                .post("/api/v1/trust/oems/pixelon/keys").then().statusCode(400)
                .body("code", equalTo("INVALID_PUBLIC_KEY"));
    }

    @Test
    void rotatingARootKeyPublishesARootThatBothOldAndNewThresholdsSigned() {
        SignedMetadata<RootMetadata> before = root("/api/v1/trust/root");
        String oldKey = before.signed().role("root").keyIds().get(0);

        as("admin").body(Map.of("reason", "ceremony")).post("/api/v1/trust/keys/" + oldKey + "/rotate").then()
                .statusCode(200).body("current.role", equalTo("ROOT"));

        int next = before.signed().version() + 1;
        SignedMetadata<RootMetadata> after = root("/device/v1/tuf/" + next + ".root.json");
        assertThat(after.signed().role("root").keyIds()).doesNotContain(oldKey).hasSize(3);
        // TUF §5.3.4: a threshold of the trusted root and of the new root signed it
        after.verify("root", before.signed().role("root"), before.signed().keys());
        after.verify("root", after.signed().role("root"), after.signed().keys());
    }

    @Test
    void aRevokedPlatformKeyIsReplacedAndCannotBeUsedAgain() {
        String snapshot = keys.keysOf(KeyRole.SNAPSHOT).stream().filter(k -> k.status() == KeyStatus.ACTIVE)
                .findFirst().orElseThrow().keyId();

        as("admin").body(Map.of("reason", "suspected compromise")).post("/api/v1/trust/keys/" + snapshot + "/revoke")
                .then().statusCode(200).body("previous.status", equalTo("REVOKED"))
                .body("current.keyId", notNullValue());
        as("admin").body(Map.of("reason", "again")).post("/api/v1/trust/keys/" + snapshot + "/rotate").then()
                .statusCode(409).body("code", equalTo("KEY_NOT_ACTIVE"));
        assertThat(root("/api/v1/trust/root").signed().role("snapshot").keyIds()).doesNotContain(snapshot);
    }
}
