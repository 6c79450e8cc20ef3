package dev.modelport.registry.trust.tuf;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.trust.TrustFixtures.baseUrl;
import static dev.modelport.registry.trust.TrustFixtures.fetcher;
import static dev.modelport.registry.trust.TrustFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.trust.KeyCustody;
import dev.modelport.registry.trust.TrustFixtures;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.registry.trust.TrustKeyView;
import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.tuf.TargetInfo;
import dev.modelport.signing.tuf.TufException;
import dev.modelport.signing.tuf.TufUpdater;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** TUF repositories per OEM channel, checked by our own spec-following TUF client over the device API. */
@QuarkusTest
@WithTestResource(RealStack.class)
class TufRepositoryTest {

    @Inject
    TufRepositoryService tuf;

    @Inject
    TrustKeyService keys;

    @Inject
    TrustFixtures fixtures;

    @Inject
    DataSource db;

    private static TufUpdater updater(String repository) throws Exception {
        String base = baseUrl() + "/device/v1/tuf/" + repository;
        return TufUpdater.builder().trustedRoot(TrustFixtures.get("/device/v1/tuf/root.json"))
                .metadataFetcher(fetcher(base)).targetFetcher(fetcher(base + "/targets")).build();
    }

    private static byte[] weights(String text) {
        return ("GGUF " + text).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void platformHeldOemKeyPublishesTargetsADeviceVerifiesAndDownloads() throws Exception {
        OrgView oem = fixtures.newOem();
        keys.registerOemKey(member(oem), oem.slug(), KeyCustody.PLATFORM, null);
        byte[] content = weights("assistant");
        String path = oem.slug() + "/assistant-q4_0.gguf";

        PublishResult result = tuf.publishTargets(oem.slug() + "/stable", List.of(TufTarget.inline(path, content, null)));

        assertThat(result.status()).isEqualTo(PublishResult.Status.PUBLISHED);
        TufUpdater device = updater(oem.slug() + "/stable");
        device.refresh();
        TargetInfo target = device.findTarget(path);
        assertThat(target.role()).isEqualTo(TufRepositoryService.delegatedRole(oem.slug()));
        assertThat(device.fetchTarget(target)).isEqualTo(content);
    }

    @Test
    void republishingReplacesTheTargetListAndBumpsVersions() throws Exception {
        OrgView oem = fixtures.newOem();
        keys.registerOemKey(member(oem), oem.slug(), KeyCustody.PLATFORM, null);
        String repo = oem.slug() + "/beta";
        PublishResult first = tuf.publishTargets(repo, List.of(TufTarget.inline(oem.slug() + "/a.gguf", weights("a"), null)));
        PublishResult second = tuf.publishTargets(repo, List.of(TufTarget.inline(oem.slug() + "/b.gguf", weights("b"), null)));

        assertThat(second.delegatedVersion()).isEqualTo(first.delegatedVersion() + 1);
        assertThat(second.timestampVersion()).isGreaterThan(first.timestampVersion());
        TufUpdater device = updater(repo);
        device.refresh();
        assertThat(device.fetchTarget(device.findTarget(oem.slug() + "/b.gguf"))).isEqualTo(weights("b"));
        assertThatThrownBy(() -> device.findTarget(oem.slug() + "/a.gguf")).isInstanceOf(TufException.class);
    }

    @Test
    void oemHeldKeyWaitsForTheOemsSignatureThenPublishes() throws Exception {
        OrgView oem = fixtures.newOem();
        Ed25519PrivateKey oemKey = Ed25519PrivateKey.generate();
        keys.registerOemKey(member(oem), oem.slug(), KeyCustody.OEM, oemKey.publicKey().hex());
        String repo = oem.slug() + "/stable";
        String path = oem.slug() + "/tiny.gguf";

        PublishResult waiting = tuf.publishTargets(repo, List.of(TufTarget.inline(path, weights("tiny"), null)));
        assertThat(waiting.status()).isEqualTo(PublishResult.Status.AWAITING_OEM_SIGNATURE);
        assertThat(waiting.awaitingKeyId()).isEqualTo(oemKey.publicKey().keyId());

        PendingSignature pending = tuf.pending(member(oem), oem.slug(), "stable").orElseThrow();
        String wrong = HexFormat.of().formatHex(Ed25519PrivateKey.generate().signer().sign(pending.canonicalSigned()));
        assertThatThrownBy(() -> tuf.submitSignature(member(oem), oem.slug(), "stable", pending.version(),
                pending.keyId(), wrong)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));

        String sig = HexFormat.of().formatHex(oemKey.signer().sign(pending.canonicalSigned()));
        PublishResult done = tuf.submitSignature(member(oem), oem.slug(), "stable", pending.version(), pending.keyId(),
                sig);

        assertThat(done.status()).isEqualTo(PublishResult.Status.PUBLISHED);
        TufUpdater device = updater(repo);
        device.refresh();
        assertThat(device.fetchTarget(device.findTarget(path))).isEqualTo(weights("tiny"));
    }

    @Test
    void targetsOutsideTheOemsPathsAreRefused() {
        OrgView oem = fixtures.newOem();
        keys.registerOemKey(member(oem), oem.slug(), KeyCustody.PLATFORM, null);
        assertThatThrownBy(() -> tuf.publishTargets(oem.slug() + "/stable",
                List.of(TufTarget.inline("someone-else/x.gguf", weights("x"), null))))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET_OUTSIDE_DELEGATION));
    }

    @Test
    void publishingWithoutAnOemKeyIsRefused() {
        OrgView oem = fixtures.newOem();
        assertThatThrownBy(() -> tuf.publishTargets(oem.slug() + "/stable", List.of()))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OEM_KEY_MISSING));
    }

    @Test
    void revokingTheOemKeyStopsDevicesFromTrustingItsTargets() throws Exception {
        OrgView oem = fixtures.newOem();
        TrustKeyView key = keys.registerOemKey(member(oem), oem.slug(), KeyCustody.PLATFORM, null);
        String path = oem.slug() + "/m.gguf";
        tuf.publishTargets(oem.slug() + "/stable", List.of(TufTarget.inline(path, weights("m"), null)));

        keys.revoke(member(oem), key.keyId(), "key leaked");

        TufUpdater device = updater(oem.slug() + "/stable");
        device.refresh();
        assertThatThrownBy(() -> device.findTarget(path)).isInstanceOf(TufException.class);
    }

    @Test
    void rotatingTheOemKeyKeepsTargetsVerifiable() throws Exception {
        OrgView oem = fixtures.newOem();
        TrustKeyView key = keys.registerOemKey(member(oem), oem.slug(), KeyCustody.PLATFORM, null);
        String path = oem.slug() + "/r.gguf";
        tuf.publishTargets(oem.slug() + "/stable", List.of(TufTarget.inline(path, weights("r"), null)));
        TufUpdater device = updater(oem.slug() + "/stable");
        device.refresh();

        keys.rotate(member(oem), key.keyId(), "yearly rotation", null);

        device.refresh();
        assertThat(device.fetchTarget(device.findTarget(path))).isEqualTo(weights("r"));
    }

    @Test
    void timestampCloseToExpiryIsResignedByTheRefreshJob() throws Exception {
        OrgView oem = fixtures.newOem();
        keys.registerOemKey(member(oem), oem.slug(), KeyCustody.PLATFORM, null);
        PublishResult published = tuf.publishTargets(oem.slug() + "/stable",
                List.of(TufTarget.inline(oem.slug() + "/t.gguf", weights("t"), null)));
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE tuf_metadata m "
                + "SET expires_at = now() + interval '1 minute' FROM tuf_repository r WHERE r.id = m.repository_id "
                + "AND r.name = ? AND m.role = 'timestamp'")) {
            s.setString(1, oem.slug() + "/stable");
            s.executeUpdate();
        }
        for (var id : tuf.repositoryIds()) {
            tuf.refresh(id);
        }

        as("oem").get("/device/v1/tuf/" + oem.slug() + "/stable/timestamp.json").then().statusCode(200)
                .body("signed.version", equalTo(published.timestampVersion() + 1));
    }

    @Test
    void deviceEndpointsServeRootAndVersionedFilesWithCaching() {
        as("oem").get("/device/v1/tuf/root.json").then().statusCode(200).header("Cache-Control", "no-cache")
                .body("signed._type", equalTo("root"));
        as("oem").get("/device/v1/tuf/1.root.json").then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .body("signed.version", equalTo(1));
        as("oem").get("/device/v1/tuf/no-such-oem/stable/timestamp.json").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }
}
