package dev.modelport.registry.device;

import dev.modelport.registry.common.crypto.Sha256;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.distribution.ChangeFeed;
import dev.modelport.registry.distribution.RemoteChange;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.MalformedKeyException;
import dev.modelport.signing.key.SignatureVerificationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Enrollment of phones, their signed token requests, and revocation. */
@ApplicationScoped
public class DeviceService {

    /** How far a token request's timestamp may be from our clock; nonces are kept this long. */
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeviceRepository devices;

    @Inject
    EnrollmentTokenRepository enrollmentTokens;

    @Inject
    DeviceTokenCodec tokens;

    @Inject
    RevokedDevices revoked;

    @Inject
    ChangeFeed feed;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    Clock clock;

    public record IssuedEnrollmentToken(UUID id, String secret, String label, int maxDevices, Instant expiresAt) {
    }

    @Transactional
    public IssuedEnrollmentToken issueEnrollmentToken(Caller caller, OrgView owner, String label, int maxDevices,
                                                      Duration validFor) {
        access.requireWrite(caller, owner);
        String secret = "mpe_" + randomToken(32);
        EnrollmentTokenEntity token = new EnrollmentTokenEntity();
        token.id = UUID.randomUUID();
        token.ownerId = owner.id();
        token.secretSha256 = Sha256.hex(secret);
        token.label = label;
        token.maxDevices = maxDevices;
        token.createdAt = clock.instant();
        token.expiresAt = token.createdAt.plus(validFor);
        enrollmentTokens.persist(token);
        return new IssuedEnrollmentToken(token.id, secret, label, maxDevices, token.expiresAt);
    }

    /**
     * Enrolls the phone holding {@code publicKeyBase64}. Retrying with the same key and token returns the same device;
     * the refusal never says whether the token exists, is used up or has expired.
     */
    @Transactional
    public String enroll(String enrollmentSecret, String publicKeyBase64, DeviceProfile profile) {
        byte[] publicKey = parsePublicKey(publicKeyBase64).raw();
        EnrollmentTokenEntity token = enrollmentTokens.findBySecretForUpdate(Sha256.hex(enrollmentSecret))
                .orElseThrow(DeviceService::enrollmentRefused);
        var existing = devices.findByPublicKey(publicKey);
        if (existing.isPresent()) {
            if (!existing.get().enrollmentTokenId.equals(token.id)) {
                throw new DomainException(ErrorCode.CONFLICT, "this device key is enrolled already");
            }
            return existing.get().id;
        }
        if (!token.usableAt(clock.instant())) {
            throw enrollmentRefused();
        }
        token.usedDevices++;
        DeviceEntity device = new DeviceEntity();
        device.id = "dev-" + HexFormat.of().formatHex(randomBytes(16));
        device.ownerId = token.ownerId;
        device.enrollmentTokenId = token.id;
        device.publicKey = publicKey;
        device.status = DeviceStatus.ACTIVE;
        device.enrolledAt = clock.instant();
        device.applyProfile(profile);
        devices.persist(device);
        return device.id;
    }

    /**
     * Mints a device token for a request signed by the device's own key over the canonical JSON of
     * {@code {deviceId, timestamp, nonce}}, the timestamp in ISO-8601 UTC. A stale timestamp or a nonce seen before is
     * a replay.
     */
    @Transactional
    public DeviceTokenCodec.Minted mintToken(String deviceId, String timestamp, String nonce, String signatureBase64) {
        DeviceEntity device = devices.findByIdOptional(deviceId)
                .orElseThrow(() -> DeviceTokenCodec.unauthenticated("unknown device"));
        byte[] signed = tokenRequestBytes(deviceId, timestamp, nonce);
        try {
            Ed25519PublicKey.fromRaw(device.publicKey).verifier().verify(decode(signatureBase64), signed);
        } catch (SignatureVerificationException e) {
            throw DeviceTokenCodec.unauthenticated("the token request is not signed by this device's key");
        }
        if (device.status == DeviceStatus.REVOKED) {
            throw DeviceTokenCodec.unauthenticated("device " + deviceId + " is revoked");
        }
        Instant now = clock.instant();
        if (Duration.between(parseTimestamp(timestamp), now).abs().compareTo(REPLAY_WINDOW) > 0) {
            throw new DomainException(ErrorCode.DEVICE_REPLAY, "the token request's timestamp is outside the "
                    + REPLAY_WINDOW.toMinutes() + "-minute window; check the device clock");
        }
        if (!devices.firstUseOfNonce(deviceId, nonce, now)) {
            throw new DomainException(ErrorCode.DEVICE_REPLAY, "this token request was seen before (replayed nonce)");
        }
        return tokens.mint(deviceId, device.ownerId, now);
    }

    @Transactional
    public DeviceView revoke(Caller caller, String deviceId) {
        DeviceEntity device = devices.findByIdOptional(deviceId)
                .orElseThrow(() -> DomainException.notFound("device " + deviceId));
        OrgView owner = orgs.get(device.ownerId);
        access.requireWrite(caller, owner);
        if (device.status != DeviceStatus.REVOKED) {
            device.status = DeviceStatus.REVOKED;
            device.revokedAt = clock.instant();
        }
        revoked.add(deviceId);
        feed.publish(RemoteChange.REVOCATIONS);
        return device.view(owner.slug());
    }

    @Transactional
    public DeviceView describe(String deviceId) {
        DeviceEntity device = devices.findById(deviceId);
        return device.view(orgs.get(device.ownerId).slug());
    }

    @Transactional
    public DeviceView get(Caller caller, String deviceId) {
        DeviceEntity device = devices.findByIdOptional(deviceId)
                .orElseThrow(() -> DomainException.notFound("device " + deviceId));
        OrgView owner = orgs.get(device.ownerId);
        access.requireRead(caller, owner);
        return device.view(owner.slug());
    }

    @Transactional
    public Page<DeviceView> list(Caller caller, OrgView owner, String cursor, int limit) {
        access.requireRead(caller, owner);
        List<DeviceEntity> rows = devices.pageOfOwner(owner.id(), Cursor.decode(cursor), limit + 1);
        return Page.of(rows, limit, d -> d.id).map(d -> d.view(owner.slug()));
    }

    @Transactional
    public void forgetOldNonces() {
        devices.forgetNoncesBefore(clock.instant().minus(REPLAY_WINDOW.multipliedBy(2)));
    }

    /** The bytes a device signs to ask for a token: RFC 8785 canonical JSON of the three fields. */
    public static byte[] tokenRequestBytes(String deviceId, String timestamp, String nonce) {
        return CanonicalJson.canonicalize(JSON.valueToTree(
                Map.of("deviceId", deviceId, "timestamp", timestamp, "nonce", nonce)));
    }

    private static Instant parseTimestamp(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "timestamp must be ISO-8601 UTC, e.g. "
                    + "2026-11-29T01:02:03Z");
        }
    }

    private static Ed25519PublicKey parsePublicKey(String base64) {
        try {
            return Ed25519PublicKey.fromRaw(decode(base64));
        } catch (MalformedKeyException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "publicKey: " + e.getMessage());
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "expected standard base64");
        }
    }

    private static DomainException enrollmentRefused() {
        return new DomainException(ErrorCode.ENROLLMENT_REFUSED,
                "the enrollment token is not valid: unknown, revoked, expired or used up");
    }


    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String randomToken(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(n));
    }
}
