package dev.modelport.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Seeds the demo organisations through the public API, as an admin would, so the demo exercises the same code
 * paths as real use. Idempotent: an organisation that exists already (409) is left as it is.
 */
public final class DemoSeeder {

    /** The organisations that the demo users of the realm file act for. */
    public static final List<Map<String, Object>> ORGS = List.of(
            org("acme-ai", "Acme AI", "VENDOR", List.of("US", "EU")),
            org("northwind-labs", "Northwind Labs", "VENDOR", List.of("EU")),
            org("orion-mobile", "Orion Mobile", "OEM", List.of("CN", "EU")),
            org("pixelon", "Pixelon", "OEM", List.of("US")),
            org("cn-cac", "Cyberspace Administration (demo)", "REGULATOR", List.of("CN")),
            org("eu-ai-office", "EU AI Office (demo)", "REGULATOR", List.of("EU")),
            org("modelport", "Modelport", "PLATFORM", List.of()));

    private static final long GIB = 1L << 30;

    /** Three phone tiers, each needing its own build. */
    public static final List<Map<String, Object>> DEVICE_CLASSES = List.of(
            deviceClass("flagship-16g", "Flagship, 16 GB", "snapdragon-8-gen-3", 16 * GIB, "NPU", 6 * GIB),
            deviceClass("midrange-8g", "Mid-range, 8 GB", "dimensity-8300", 8 * GIB, "GPU", 3 * GIB),
            deviceClass("entry-4g", "Entry, 4 GB", "helio-g99", 4 * GIB, "NONE", GIB));

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String apiUrl;
    private final Tokens tokens;

    public DemoSeeder(String apiUrl, Tokens tokens) {
        this.apiUrl = apiUrl;
        this.tokens = tokens;
    }

    public void seed() throws IOException, InterruptedException {
        String admin = tokens.demoUser("admin");
        for (Map<String, Object> org : ORGS) {
            post(admin, "/api/v1/orgs", org);
        }
        for (Map<String, Object> deviceClass : DEVICE_CLASSES) {
            post(admin, "/api/v1/device-classes", deviceClass);
        }
        new CatalogDemo(apiUrl, tokens).seed();
    }

    private void post(String token, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 409) {
            throw new IOException("seeding " + path + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    private static Map<String, Object> deviceClass(String slug, String name, String soc, long ram, String accelerator,
                                                   long budget) {
        return Map.of("slug", slug, "spec", Map.of("name", name, "socFamily", soc, "abi", "arm64-v8a",
                "ramBytes", ram, "accelerator", accelerator, "runtimeName", "llama.cpp", "runtimeMinVersion", "b4000",
                "memoryBudgetBytes", budget));
    }

    private static Map<String, Object> org(String slug, String name, String kind, List<String> jurisdictions) {
        return Map.of("slug", slug, "name", name, "kind", kind, "jurisdictions", jurisdictions);
    }
}
