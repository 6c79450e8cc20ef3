package dev.modelport.registry.support;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds-and-fingerprints test data through the public API: real models, device classes and waits on jobs. */
public final class BuildFixtures {

    private BuildFixtures() {
    }

    /** Uploads {@code gguf} as {@code user}; returns its digest. */
    public static String upload(String user, byte[] gguf) {
        return Fixtures.upload(user, gguf, TinyLlama.digest(gguf));
    }

    /** A published 1.0.0 of a new {@code kind} model with {@code weights}; {@code parents} may be empty. */
    public static String published(String user, String kind, String visibility, byte[] weights,
                                   Map<String, String> parents) {
        String model = Fixtures.model(user, kind, visibility);
        String digest = upload(user, weights);
        as(user).body(Map.of("version", "1.0.0", "modelCard", "# " + model, "trainingData", "synthetic",
                        "artifacts", List.of(Map.of("digest", digest, "fileName", "weights.gguf"))))
                .post("/api/v1/models/" + model + "/versions").then().statusCode(201);
        String version = model + "@1.0.0";
        if (!parents.isEmpty()) {
            Fixtures.declareParents(user, version, parents).then().statusCode(200);
        }
        Fixtures.publish(user, version).then().statusCode(200);
        return version;
    }

    /** A device class with {@code budget} bytes of memory for a model (admin-made). Returns its slug. */
    public static String deviceClass(long budget) {
        String slug = unique("phone");
        Map<String, Object> spec = new HashMap<>(Map.of("name", "Test phone", "socFamily", "test-soc",
                "abi", "arm64-v8a", "ramBytes", Math.max(budget, 1L << 30), "accelerator", "NPU",
                "runtimeName", "llama.cpp", "runtimeMinVersion", "b4000", "memoryBudgetBytes", budget));
        as("admin").body(Map.of("slug", slug, "spec", spec)).post("/api/v1/device-classes").then().statusCode(201);
        return slug;
    }

    /** Waits until {@code user}'s organisation has fingerprinted the weights {@code digest} and screened them. */
    public static void awaitFingerprint(String user, String digest) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath jobs = as(user).queryParam("limit", 200).get("/api/v1/jobs").then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> items = jobs.getList("items");
            return items.stream().anyMatch(j -> "fingerprint.compute".equals(j.get("kind"))
                    && "SUCCEEDED".equals(j.get("state")) && String.valueOf(j.get("result")).contains(digest));
        });
    }

    /** {@code user} adds version {@code label} of {@code model} with {@code weights} and publishes it. */
    public static String publishedVersion(String user, String model, String label, byte[] weights) {
        String digest = upload(user, weights);
        as(user).body(Map.of("version", label, "modelCard", "# " + model, "trainingData", "synthetic",
                        "artifacts", List.of(Map.of("digest", digest, "fileName", "weights.gguf"))))
                .post("/api/v1/models/" + model + "/versions").then().statusCode(201);
        String version = model + "@" + label;
        Fixtures.publish(user, version).then().statusCode(200);
        return version;
    }

    /** A platform build (the real quantizer job) of {@code version} for {@code deviceClass}, awaited until READY. */
    public static JsonPath platformBuild(String user, String version, String deviceClass, String quantType) {
        String id = as(user).body(Map.of("version", version, "deviceClass", deviceClass, "quantType", quantType))
                .post("/api/v1/builds").then().statusCode(202).extract().path("id");
        JsonPath build = awaitBuild(user, id);
        if (!"READY".equals(build.getString("status"))) {
            throw new AssertionError("build " + id + " did not become READY: " + build.prettify());
        }
        return build;
    }

    /** Waits for the build to leave QUEUED/RUNNING; returns its final JSON. */
    public static JsonPath awaitBuild(String user, String id) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = as(user).get("/api/v1/builds/" + id).then().statusCode(200).extract().path("status");
            return "READY".equals(status) || "FAILED".equals(status);
        });
        return as(user).get("/api/v1/builds/" + id).then().extract().jsonPath();
    }
}
