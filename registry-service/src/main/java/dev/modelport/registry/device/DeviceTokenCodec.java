package dev.modelport.registry.device;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Short-lived bearer tokens for phones: {@code mp2.<deviceId>.<ownerId>.<expiry>.<hmac>}. The owner travels in the
 * token so that check-ins can pick the owner's rollouts without a database read. The device proves its key once, when
 * the token is minted; every later request costs one HMAC instead of an Ed25519 verification, which the JDK does only
 * ~1,000 times a second here. All instances share the key, so any instance accepts any instance's tokens.
 */
@ApplicationScoped
public class DeviceTokenCodec {

    private static final String PREFIX = "mp2";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Duration ttl;
    /** One initialised Mac per thread: Mac.getInstance and init cost more than the HMAC of a token itself. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    DeviceTokenCodec(@ConfigProperty(name = "modelport.device.token-key") String base64Key,
                     @ConfigProperty(name = "modelport.device.token-ttl") Duration ttl) {
        byte[] raw = Base64.getDecoder().decode(base64Key.trim());
        if (raw.length < 32) {
            throw new IllegalArgumentException("modelport.device.token-key must be at least 32 random bytes");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
        this.ttl = ttl;
    }

    public record Minted(String token, Instant expiresAt) {
    }

    /** Who a verified token speaks for: the device and the organisation it is enrolled to. */
    public record Subject(String deviceId, UUID ownerId) {
    }

    public Minted mint(String deviceId, UUID ownerId, Instant now) {
        Instant expiresAt = now.plus(ttl);
        String body = PREFIX + "." + deviceId + "." + ownerId + "." + expiresAt.getEpochSecond();
        return new Minted(body + "." + B64.encodeToString(mac(body)), expiresAt);
    }

    /** The device the token was minted for; throws when it is forged, malformed or expired. */
    public Subject verify(String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 5 || !PREFIX.equals(parts[0])) {
            throw unauthenticated("not a device token");
        }
        String body = token.substring(0, token.lastIndexOf('.'));
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[4]);
        } catch (IllegalArgumentException e) {
            throw unauthenticated("not a device token");
        }
        if (!MessageDigest.isEqual(mac(body), presented)) {
            throw unauthenticated("device token signature does not verify");
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            throw unauthenticated("not a device token");
        }
        if (now.getEpochSecond() >= expiry) {
            throw unauthenticated("device token expired; mint a new one at /device/v1/token");
        }
        return new Subject(parts[1], UUID.fromString(parts[2]));
    }

    private byte[] mac(String body) {
        return macs.get().doFinal(body.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static DomainException unauthenticated(String detail) {
        return new DomainException(ErrorCode.DEVICE_UNAUTHENTICATED, detail);
    }
}
