package dev.modelport.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.cli.Api;
import dev.modelport.cli.Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Models, builds, channels, releases and rollouts of the demo OEM orion-mobile through the operator API: the steps an
 * OEM takes before phones see anything, each named uniquely for its test.
 */
final class Releases {

    static final String OEM = "oem";
    static final String ORG = "orion-mobile";

    private Releases() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A device class (as admin) with room for any test model; returns its slug. */
    static String deviceClass(Api admin) {
        String slug = unique("cluster-phone");
        admin.post("/api/v1/device-classes", Map.of("slug", slug, "spec", Map.of("name", "Cluster test " + slug,
                "socFamily", "test-soc", "abi", "arm64-v8a", "ramBytes", 16_000_000_000L, "accelerator", "NPU",
                "runtimeName", "llama.cpp", "runtimeMinVersion", "b4000", "memoryBudgetBytes", 8_000_000_000L)));
        return slug;
    }

    /** Releases publish at once when the platform holds the OEM's delegated key; registers one if none is active. */
    static void platformHeldKey(Api admin, Api oem) {
        for (JsonNode key : admin.get("/api/v1/trust/keys?owner=" + ORG + "&role=OEM&limit=100").get("items")) {
            if ("ACTIVE".equals(key.get("status").asText())) {
                if ("PLATFORM".equals(key.get("custody").asText())) {
                    return;
                }
                admin.post("/api/v1/trust/keys/" + key.get("keyId").asText() + "/revoke",
                        Map.of("reason", "the cluster tests need a platform-held key"));
            }
        }
        oem.post("/api/v1/trust/oems/" + ORG + "/keys", Map.of("custody", "PLATFORM"));
    }

    /** A new private model line of the OEM; returns {@code owner/slug}. */
    static String model(Api oem) {
        String slug = unique("cluster-model");
        oem.post("/api/v1/models", Map.of("slug", slug, "name", "Model " + slug, "kind", "BASE",
                "architecture", "llama", "parameterCount", 7_000_000_000L, "contextLength", 4096,
                "visibility", "PRIVATE"));
        return ORG + "/" + slug;
    }

    /** Uploads {@code weights} (resumably) and publishes them as {@code label} of {@code model}; returns the version. */
    static String publishedVersion(Api oem, String model, String label, Path weights) throws IOException,
            InterruptedException {
        String digest = Uploader.sha256(weights, done -> { });
        new Uploader(oem, 64L << 20, 3).upload(weights, digest, Files.size(weights), done -> { });
        oem.post("/api/v1/models/" + model + "/versions", Map.of("version", label, "modelCard", "# " + model,
                "trainingData", "synthetic", "artifacts", List.of(Map.of("digest", digest,
                        "fileName", "weights.gguf"))));
        String path = "/api/v1/models/" + model + "/versions/" + label;
        oem.post(path + "/publish", Map.of());
        return model + "@" + label;
    }

    /** Asks the platform to build {@code version} for {@code deviceClass} in Q8_0 (a {@code build.quantize} job). */
    static JsonNode requestBuild(Api oem, String version, String deviceClass) {
        return oem.post("/api/v1/builds", Map.of("version", version, "deviceClass", deviceClass,
                "quantType", "Q8_0"));
    }

    /** Waits until the build is READY (failing on FAILED or after {@code timeout}); returns it. */
    static JsonNode awaitReady(Api oem, String buildId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode b = oem.get("/api/v1/builds/" + buildId);
            String status = b.get("status").asText();
            if ("READY".equals(status)) {
                return b;
            }
            if ("FAILED".equals(status) || Instant.now().isAfter(deadline)) {
                throw new AssertionError("build " + buildId + " is " + status + " after " + timeout + ": " + b);
            }
            Thread.sleep(200);
        }
    }

    static String channel(Api oem, String model) {
        return oem.post("/api/v1/channels", Map.of("name", unique("stable"), "model", model)).get("id").asText();
    }

    /** Releases {@code build} of {@code version} on {@code channel} for the EU; returns the release id. */
    static String release(Api oem, String channel, String version, String build) {
        return oem.post("/api/v1/channels/" + channel + "/releases", Map.of("version",
                version.substring(version.indexOf('@') + 1), "builds", List.of(build), "regions", List.of("EU"),
                "antiRollback", 0)).get("id").asText();
    }

    /**
     * A rollout of {@code release} to {@code deviceClass} in the given stages (percent), advanced by hand; it halts
     * when more than {@code maxFailureRate} of the outcomes reported are failures.
     */
    static String rollout(Api oem, String release, String deviceClass, double maxFailureRate, double... percents) {
        List<Map<String, Object>> stages = Arrays.stream(percents).mapToObj(p -> Map.<String, Object>of(
                "percent", p, "minHealthy", 0, "maxFailureRate", maxFailureRate)).toList();
        return oem.post("/api/v1/rollouts", Map.of("release", release, "cohort", Map.of("deviceClasses",
                List.of(deviceClass)), "stages", stages, "autoAdvance", false)).get("id").asText();
    }
}
