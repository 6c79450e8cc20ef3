package dev.modelport.registry.support;

import static dev.modelport.registry.support.Api.as;

import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Channels, releases and rollouts through the operator API, for distribution tests. */
public final class Distribution {

    private Distribution() {
    }

    /** A new device class (as admin), unique to the test; returns its slug. */
    public static String deviceClass() {
        String slug = Api.unique("dc");
        as("admin").body(Map.of("slug", slug, "spec", Map.of("name", "Test " + slug, "socFamily", "sd8g3",
                        "abi", "arm64-v8a", "ramBytes", 16_000_000_000L, "accelerator", "NPU",
                        "runtimeName", "llama.cpp", "runtimeMinVersion", "b4000",
                        "memoryBudgetBytes", 8_000_000_000L)))
                .post("/api/v1/device-classes").then().statusCode(201);
        return slug;
    }

    /**
     * Makes sure {@code org} has an active delegated key the platform holds, so releases publish at once (another
     * test may have left an OEM-held key or none).
     */
    public static synchronized void platformHeldOemKey(String oemUser, String org) {
        List<Map<String, Object>> keys = as("admin").queryParam("owner", org).queryParam("role", "OEM")
                .get("/api/v1/trust/keys").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.status == 'ACTIVE' }");
        for (Map<String, Object> key : keys) {
            if ("PLATFORM".equals(key.get("custody"))) {
                return;
            }
            as("admin").body(Map.of("reason", "distribution tests need a platform-held key"))
                    .post("/api/v1/trust/keys/" + key.get("keyId") + "/revoke").then().statusCode(200);
        }
        as(oemUser).body(Map.of("custody", "PLATFORM")).post("/api/v1/trust/oems/" + org + "/keys").then()
                .statusCode(201);
    }

    /** A channel of {@code model} ({@code owner/model}); returns its id. */
    public static String channel(String user, String model) {
        return as(user).body(Map.of("name", Api.unique("stable"), "model", model)).post("/api/v1/channels").then()
                .statusCode(201).extract().path("id");
    }

    public static ValidatableResponse release(String user, String channel, String version, List<?> builds,
                                              List<String> regions) {
        String label = version.substring(version.indexOf('@') + 1);
        return as(user).body(Map.of("version", label, "builds", builds, "regions", regions, "antiRollback", 0))
                .post("/api/v1/channels/" + channel + "/releases").then();
    }

    public static Map<String, Object> stage(double percent, int minHealthy, double maxFailureRate) {
        return Map.of("percent", percent, "minHealthy", minHealthy, "maxFailureRate", maxFailureRate);
    }

    public static Map<String, Object> cohort(List<String> deviceClasses, List<String> regions) {
        Map<String, Object> cohort = new HashMap<>();
        cohort.put("deviceClasses", deviceClasses);
        cohort.put("regions", regions);
        return cohort;
    }

    public static ValidatableResponse rollout(String user, String release, Map<String, Object> cohort,
                                              List<Map<String, Object>> stages, boolean autoAdvance) {
        return as(user).body(Map.of("release", release, "cohort", cohort, "stages", stages,
                "autoAdvance", autoAdvance)).post("/api/v1/rollouts").then();
    }
}
