package dev.modelport.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.cli.Api;
import dev.modelport.cli.ApiException;
import dev.modelport.cli.Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The distribution part of the demo, so that the console opens on something to click through: catalog → model →
 * lineage → builds → rollout. Through the public API with the demo users' real tokens, after {@link CatalogDemo}.
 * Idempotent: whatever exists already is left as it is.
 *
 * <p>OEM orion-mobile publishes 1.1.0 of its licensed fine-tune {@code orion-chat-7b} with small llama-shaped
 * weights, has the platform build it for the {@code midrange-8g} class (a few seconds), publishes it on channel
 * {@code stable} for the EU (no filing needed there) and starts a 1 → 10 → 50 → 100 % rollout.
 */
public final class DistributionDemo {

    public static final String MODEL = "orion-mobile/orion-chat-7b";
    public static final String VERSION = "1.1.0";
    public static final String DEVICE_CLASS = "midrange-8g";
    public static final String CHANNEL = "stable";

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);

    private final Api oem;
    private final Api admin;

    public DistributionDemo(String apiUrl, Tokens tokens) {
        this.oem = new Api(apiUrl, () -> tokens.demoUser("oem"));
        this.admin = new Api(apiUrl, () -> tokens.demoUser("admin"));
    }

    /** Seeds the demo rollout; answers its id. */
    public String seed() throws IOException, InterruptedException {
        String version = MODEL + "@" + VERSION;
        publishVersion();
        String build = readyBuild(version);
        ensurePlatformHeldKey();
        JsonNode channel = channel();
        String channelId = channel.get("id").asText();
        JsonNode release = release(channelId, build);
        return rollout(channelId, release.get("id").asText());
    }

    private void publishVersion() throws IOException, InterruptedException {
        String path = "/api/v1/models/" + MODEL + "/versions/" + VERSION;
        if (!exists(oem, path)) {
            byte[] weights = tinyLlama(MODEL + "@" + VERSION);
            Path file = Files.createTempFile("modelport-demo", ".gguf");
            try {
                Files.write(file, weights);
                String digest = "sha256:" + HexFormat.of().formatHex(sha256(weights));
                new Uploader(oem, 1 << 20, 3).upload(file, digest, weights.length, done -> { });
                oem.post("/api/v1/models/" + MODEL + "/versions", Map.of("version", VERSION,
                        "modelCard", "# Orion Chat 7B 1.1.0\n\nDemo model card: the on-device release. Weights are "
                                + "random: this is demo data.",
                        "trainingData", "Demo: no real training data.",
                        "artifacts", List.of(Map.of("digest", digest, "fileName", "orion-chat-7b-1.1.0-f32.gguf"))));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        if ("DRAFT".equals(oem.get(path).get("status").asText())) {
            oem.put(path + "/lineage", Map.of("parents", List.of(Map.of("version", "acme-ai/aurora-7b@1.0.0",
                    "relation", "FINETUNE"))));
            oem.post(path + "/publish", Map.of());
        }
    }

    /** A READY build of {@code version} for the demo class, requested and waited for unless one exists. */
    private String readyBuild(String version) throws InterruptedException {
        String id = null;
        for (JsonNode b : oem.get("/api/v1/builds?limit=100&version=" + version).get("items")) {
            String status = b.get("status").asText();
            if (DEVICE_CLASS.equals(b.get("deviceClass").asText()) && !"FAILED".equals(status)) {
                id = b.get("id").asText();
            }
        }
        if (id == null) {
            id = oem.post("/api/v1/builds", Map.of("version", version, "deviceClass", DEVICE_CLASS,
                    "quantType", "Q8_0")).get("id").asText();
        }
        Instant deadline = Instant.now().plus(BUILD_TIMEOUT);
        while (true) {
            JsonNode b = oem.get("/api/v1/builds/" + id);
            switch (b.get("status").asText()) {
                case "READY" -> { return id; }
                case "FAILED" -> throw new IllegalStateException("the demo build failed: " + b.get("failureDetail"));
                default -> {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the demo build did not finish within " + BUILD_TIMEOUT);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    /** Releases publish at once when the platform holds the OEM's delegated key; the demo registers one if needed. */
    private void ensurePlatformHeldKey() {
        for (JsonNode key : admin.get("/api/v1/trust/keys?owner=orion-mobile&role=OEM&limit=100").get("items")) {
            if ("ACTIVE".equals(key.get("status").asText())) {
                return;
            }
        }
        oem.post("/api/v1/trust/oems/orion-mobile/keys", Map.of("custody", "PLATFORM"));
    }

    private JsonNode channel() {
        for (JsonNode c : oem.get("/api/v1/channels?limit=100").get("items")) {
            if (CHANNEL.equals(c.get("name").asText())) {
                return c;
            }
        }
        return oem.post("/api/v1/channels", Map.of("name", CHANNEL, "model", MODEL));
    }

    private JsonNode release(String channelId, String build) {
        for (JsonNode r : oem.get("/api/v1/channels/" + channelId + "/releases?limit=200").get("items")) {
            if (r.get("version").asText().endsWith("@" + VERSION)) {
                return r;
            }
        }
        return oem.post("/api/v1/channels/" + channelId + "/releases", Map.of("version", VERSION,
                "builds", List.of(build), "regions", List.of("EU"), "antiRollback", 0));
    }

    private String rollout(String channelId, String release) {
        for (JsonNode r : oem.get("/api/v1/rollouts?limit=200&channel=" + channelId).get("items")) {
            if (r.get("releaseId").asText().equals(release)) {
                return r.get("id").asText();
            }
        }
        List<Map<String, Object>> stages = List.of(stage(1), stage(10), stage(50), stage(100));
        return oem.post("/api/v1/rollouts", Map.of("release", release, "cohort", Map.of("regions", List.of("EU")),
                "stages", stages, "autoAdvance", true)).get("id").asText();
    }

    private static Map<String, Object> stage(double percent) {
        return Map.of("percent", percent, "minHealthy", 5, "maxFailureRate", 0.05);
    }

    private static boolean exists(Api api, String path) {
        try {
            api.get(path);
            return true;
        } catch (ApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** A llama-shaped F32 model small enough to quantize in well under a second, its weights seeded from {@code seed}. */
    static byte[] tinyLlama(String seed) throws IOException {
        Path file = Files.createTempFile("modelport-demo-llama", ".gguf");
        try {
            LlamaGguf.TINY.write(file, "orion-chat-demo", seed.hashCode());
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
