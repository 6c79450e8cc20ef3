package dev.modelport.ota.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ota.DeviceApi;
import dev.modelport.ota.internal.Json;
import dev.modelport.ota.internal.store.AtomicFiles;
import dev.modelport.ota.internal.store.DeviceKeyStore;
import dev.modelport.ota.internal.store.StateDir;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.key.Ed25519PrivateKey;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The device's credentials: enrolls once (keeping the device id in {@code device.json}), then
 * obtains short-lived bearer tokens by signing {@code {deviceId, nonce, timestamp}} (RFC 8785
 * canonical JSON) with the device key.
 */
public final class DeviceSession {
  /** A call that needs a bearer token. */
  @FunctionalInterface
  public interface Call<T> {
    T run(String bearer) throws IOException;
  }

  private static final Duration REFRESH_BEFORE = Duration.ofSeconds(30);
  private final StateDir dir;
  private final DeviceApi api;
  private final String enrollmentToken;
  private final Supplier<DeviceApi.Profile> profile;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private Ed25519PrivateKey key;
  private String deviceId;
  private String token;
  private Instant tokenExpires = Instant.MIN;

  public DeviceSession(StateDir dir, DeviceApi api, String enrollmentToken, Supplier<DeviceApi.Profile> profile,
      Clock clock) {
    this.dir = dir;
    this.api = api;
    this.enrollmentToken = enrollmentToken;
    this.profile = profile;
    this.clock = clock;
  }

  /** The device id, enrolling first if this device never did. */
  public synchronized String deviceId() throws IOException {
    if (deviceId != null) {
      return deviceId;
    }
    if (dir.fs().exists(dir.deviceJson())) {
      deviceId = Json.text(Json.parse(dir.fs().readAll(dir.deviceJson())), "deviceId");
      if (deviceId != null) {
        return deviceId;
      }
    }
    if (enrollmentToken == null) {
      throw new IOException("device is not enrolled and no enrollment token was given");
    }
    String publicKey = Base64.getEncoder().encodeToString(key().publicKey().raw());
    DeviceApi.EnrollResponse r = api.enroll(new DeviceApi.EnrollRequest(enrollmentToken, publicKey, profile.get()));
    AtomicFiles.write(dir.fs(), dir.deviceJson(), Json.bytes(Json.object().put("deviceId", r.deviceId())));
    deviceId = r.deviceId();
    return deviceId;
  }

  /** A valid bearer token. */
  public synchronized String token() throws IOException {
    Instant now = clock.instant();
    if (token != null && now.plus(REFRESH_BEFORE).isBefore(tokenExpires)) {
      return token;
    }
    String id = deviceId();
    String timestamp = now.toString();
    byte[] n = new byte[16];
    random.nextBytes(n);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(n);
    ObjectNode signed = Json.object().put("deviceId", id).put("nonce", nonce).put("timestamp", timestamp);
    String signature = Base64.getEncoder().encodeToString(key().signer().sign(CanonicalJson.canonicalize(signed)));
    DeviceApi.TokenResponse r = api.token(new DeviceApi.TokenRequest(id, timestamp, nonce, signature));
    token = r.token();
    try {
      tokenExpires = r.expiresAt() == null ? now.plus(Duration.ofMinutes(5)) : Instant.parse(r.expiresAt());
    } catch (DateTimeParseException e) {
      tokenExpires = now.plus(Duration.ofMinutes(5));
    }
    return token;
  }

  /** The current token if one is held, without network; for callbacks that must not block. */
  public synchronized String cachedToken() {
    return token;
  }

  public synchronized void invalidate() {
    token = null;
  }

  /** Runs {@code call} with a token, getting a fresh one and retrying once if the server refuses it. */
  public <T> T withToken(Call<T> call) throws IOException {
    try {
      return call.run(token());
    } catch (DeviceApi.UnauthorizedException e) {
      invalidate();
      return call.run(token());
    }
  }

  private Ed25519PrivateKey key() throws IOException {
    if (key == null) {
      key = DeviceKeyStore.loadOrCreate(dir);
    }
    return key;
  }

  /** The device's public key, raw bytes, base64. */
  public synchronized String publicKeyBase64() throws IOException {
    return Base64.getEncoder().encodeToString(key().publicKey().raw());
  }
}
