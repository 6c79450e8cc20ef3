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

    private static Map<String, Object> org(String slug, String name, String kind, List<String> jurisdictions) {
        return Map.of("slug", slug, "name", name, "kind", kind, "jurisdictions", jurisdictions);
    }
}
