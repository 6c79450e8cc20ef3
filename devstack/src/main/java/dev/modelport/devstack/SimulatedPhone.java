package dev.modelport.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.key.Ed25519PrivateKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A phone speaking the device API (docs/ota-client.md) over plain HTTP, without the OTA client's download, TUF and
 * runtime: it enrolls with its own Ed25519 key, mints tokens with signed requests, checks in and reports events.
 * Every call names the server URL, so one phone can talk to a load balancer or to one instance directly. Used by
 * {@code ./modelport bench fleet} and the multi-instance tests. Not thread-safe: one phone, one caller at a time.
 */
public final class SimulatedPhone {

    /** Sees every request: the endpoint, how long it took, and the HTTP status (0 when no answer came). */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (endpoint, nanos, status) -> { };

        void observe(String endpoint, long nanos, int status);
    }

    /** A device API answer other than 2xx. */
    public static final class RefusedException extends IOException {
        private final int status;

        RefusedException(String endpoint, int status, String body) {
            super(endpoint + ": HTTP " + status + " " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    private final Map<String, Object> profile;
    private final Observer observer;
    private String deviceId;
    private String token;

    private SimulatedPhone(Map<String, Object> profile, Observer observer) {
        this.profile = Map.copyOf(profile);
        this.observer = observer;
    }

    /** A phone with this profile ({@code deviceClass}, {@code region}, optionally {@code deviceModel}, ...). */
    public static SimulatedPhone of(Map<String, Object> profile, Observer observer) {
        return new SimulatedPhone(profile, observer);
    }

    /** An enrollment secret of the OEM whose operator token is {@code oemToken}, for up to {@code devices} phones. */
    public static String enrollmentToken(String url, String oemToken, int devices) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/enrollment-tokens"))
                .header("Authorization", "Bearer " + oemToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "label", "simulated-" + UUID.randomUUID(), "maxDevices", devices, "validDays", 1))))
                .build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new RefusedException("enrollment-tokens", r.statusCode(), r.body());
        }
        return JSON.readTree(r.body()).path("secret").asText();
    }

    /** Enrolls under {@code enrollmentToken} with a fresh key; the phone then has its device id. */
    public SimulatedPhone enroll(String url, String enrollmentToken) throws IOException, InterruptedException {
        Map<String, Object> body = Map.of("enrollmentToken", enrollmentToken,
                "publicKey", Base64.getEncoder().encodeToString(key.publicKey().raw()), "profile", profile);
        deviceId = call(url, "enroll", "/device/v1/enroll", body, null).path("deviceId").asText();
        return this;
    }

    public String deviceId() {
        return deviceId;
    }

    /** A new token for a signed request over {@code {deviceId, timestamp, nonce}} (RFC 8785 canonical JSON). */
    public void refreshToken(String url) throws IOException, InterruptedException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String n = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        String ts = Instant.now().toString();
        byte[] signed = CanonicalJson.canonicalize(JSON.valueToTree(
                Map.of("deviceId", deviceId, "timestamp", ts, "nonce", n)));
        token = call(url, "token", "/device/v1/token", Map.of("deviceId", deviceId, "timestamp", ts, "nonce", n,
                "signature", Base64.getEncoder().encodeToString(key.signer().sign(signed))), null)
                .path("token").asText();
    }

    /** Checks in saying it runs {@code installed} (null: nothing); answers the server's decision. */
    public JsonNode checkIn(String url, String installed) throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>();
        body.put("profile", profile);
        body.put("installed", installed == null ? null : Map.of("buildDigest", installed));
        return call(url, "checkin", "/device/v1/checkin", body, token(url));
    }

    /** Reports {@code events}; answers the event ids the server acknowledged (committed). */
    public List<String> report(String url, List<Map<String, Object>> events) throws IOException,
            InterruptedException {
        JsonNode answer = call(url, "report", "/device/v1/reports", Map.of("events", events), token(url));
        List<String> acknowledged = new ArrayList<>();
        answer.path("acknowledged").forEach(id -> acknowledged.add(id.asText()));
        return acknowledged;
    }

    /** Asks for the first {@code bytes} of a build, as a download starts; with S3 blobs the answer is a 307. */
    public int fetchStart(String url, String digest, long bytes) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/device/v1/blobs/" + digest))
                .header("Authorization", "Bearer " + token(url)).header("Range", "bytes=0-" + (bytes - 1))
                .header("Accept-Encoding", "identity").build();
        return timed("blob", () -> HTTP.send(request, HttpResponse.BodyHandlers.discarding())).statusCode();
    }

    /** One event as the OTA client sends it, with a fresh event id. */
    public static Map<String, Object> event(String type, String buildDigest) {
        return Map.of("eventId", UUID.randomUUID().toString(), "type", type, "buildDigest", buildDigest,
                "at", Instant.now().toString());
    }

    private String token(String url) throws IOException, InterruptedException {
        if (token == null) {
            refreshToken(url);
        }
        return token;
    }

    private JsonNode call(String url, String endpoint, String path, Object body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = timed(endpoint, () -> HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        if (r.statusCode() / 100 != 2) {
            throw new RefusedException(endpoint, r.statusCode(), r.body());
        }
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private interface Call<T> {
        HttpResponse<T> run() throws IOException, InterruptedException;
    }

    private <T> HttpResponse<T> timed(String endpoint, Call<T> call) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<T> r = call.run();
            observer.observe(endpoint, System.nanoTime() - start, r.statusCode());
            return r;
        } catch (IOException e) {
            observer.observe(endpoint, System.nanoTime() - start, 0);
            throw e;
        }
    }
}
