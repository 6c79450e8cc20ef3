package dev.modelport.registry.deviceclass;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealStack.class)
class DeviceClassTest {

    private static final long GIB = 1L << 30;

    private static Map<String, Object> spec(long ram, long budget) {
        Map<String, Object> spec = new HashMap<>(Map.of("name", "Flagship 16 GB", "socFamily", "snapdragon-8-gen-3",
                "abi", "arm64-v8a", "ramBytes", ram, "accelerator", "NPU", "runtimeName", "llama.cpp",
                "runtimeMinVersion", "b4000", "memoryBudgetBytes", budget));
        spec.put("runtimeMaxVersion", "b9000");
        return spec;
    }

    @Test
    void adminDefinesAClassThatEveryoneReads() {
        String slug = unique("flagship");
        as("admin").body(Map.of("slug", slug, "spec", spec(16 * GIB, 6 * GIB))).post("/api/v1/device-classes")
                .then().statusCode(201).body("spec.memoryBudgetBytes", equalTo(6 * GIB));
        as("oem").get("/api/v1/device-classes/" + slug).then().statusCode(200).body("spec.abi", equalTo("arm64-v8a"));
        as("regulator").queryParam("limit", 200).get("/api/v1/device-classes").then().statusCode(200)
                .body("items.slug", hasItem(slug));
    }

    @Test
    void onlyAdminsDefineClasses() {
        as("oem").body(Map.of("slug", unique("c"), "spec", spec(8 * GIB, 3 * GIB))).post("/api/v1/device-classes")
                .then().statusCode(403);
    }

    @Test
    void budgetAboveRamIsRefused() {
        as("admin").body(Map.of("slug", unique("c"), "spec", spec(4 * GIB, 5 * GIB))).post("/api/v1/device-classes")
                .then().statusCode(400).body("detail", containsString("cannot exceed ramBytes"));
    }

    @Test
    void unknownAbiAndAcceleratorAreRefused() {
        Map<String, Object> spec = spec(8 * GIB, 3 * GIB);
        spec.put("abi", "mips");
        as("admin").body(Map.of("slug", unique("c"), "spec", spec)).post("/api/v1/device-classes").then()
                .statusCode(400).body("errors.field", hasItem("spec.abi"));
        spec.put("abi", "arm64-v8a");
        spec.put("accelerator", "QUANTUM");
        as("admin").body(Map.of("slug", unique("c"), "spec", spec)).post("/api/v1/device-classes").then()
                .statusCode(400).body("code", equalTo("UNKNOWN_VALUE"));
    }

    @Test
    void duplicateSlugIsAConflict() {
        String slug = unique("dup");
        as("admin").body(Map.of("slug", slug, "spec", spec(8 * GIB, 3 * GIB))).post("/api/v1/device-classes")
                .then().statusCode(201);
        as("admin").body(Map.of("slug", slug, "spec", spec(8 * GIB, 3 * GIB))).post("/api/v1/device-classes")
                .then().statusCode(409);
    }
}
