package dev.modelport.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.cli.Api;
import dev.modelport.cli.ApiException;
import dev.modelport.cli.Uploader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog part of the demo, seeded by {@link DemoSeeder} through the public API with real tokens of the demo
 * users. Idempotent: whatever exists already is left as it is.
 *
 * <p>The demo: vendor acme-ai lists two public base models, each with a published version and a licence offer (one
 * commercial with a custom licence text, one Apache-2.0). OEM orion-mobile holds an entitlement to the commercial
 * offer and has published a fine-tune of it (provenance DERIVED_FROM_LICENSED), and has its own from-scratch base
 * model with a "self-developed" claim (SELF_DEVELOPED).
 */
final class CatalogDemo {


    static final String COMMERCIAL_LICENCE = """
            Acme AI on-device model licence (demo). The licensee may fine-tune and quantize the model and ship the
            result on its own devices in the licensed territories, up to the device cap, and pays the per-activation
            royalty. Attribution: "Built on Acme Aurora".
            """;

    private final String apiUrl;
    private final Tokens tokens;

    CatalogDemo(String apiUrl, Tokens tokens) {
        this.apiUrl = apiUrl;
        this.tokens = tokens;
    }

    void seed() throws IOException, InterruptedException {
        Api vendor = api("vendor");
        Api oem = api("oem");

        publishVersion(vendor, "acme-ai", "aurora-7b", "Acme Aurora 7B", "BASE", 7_000_000_000L, List.of());
        publishVersion(vendor, "acme-ai", "aurora-1b", "Acme Aurora 1B", "BASE", 1_100_000_000L, List.of());
        JsonNode commercial = offer(vendor, "acme-ai/aurora-7b", "Aurora 7B on-device, commercial",
                Map.of("licenceTextDigest", sha256(COMMERCIAL_LICENCE)), "250000.00", "0.05");
        offer(vendor, "acme-ai/aurora-1b", "Aurora 1B, Apache-2.0", Map.of("spdxId", "Apache-2.0"), "0", "0");

        entitlement(oem, commercial.get("id").asText());
        publishVersion(oem, "orion-mobile", "orion-chat-7b", "Orion Chat 7B (fine-tune of Aurora 7B)", "FINETUNE",
                7_000_000_000L, List.of(Map.of("version", "acme-ai/aurora-7b@1.0.0", "relation", "FINETUNE")));
        publishVersion(oem, "orion-mobile", "orion-nano", "Orion Nano (trained from scratch)", "BASE",
                300_000_000L, List.of());
        oem.put("/api/v1/models/orion-mobile/orion-nano/versions/1.0.0/claim", Map.of("claim", "SELF_DEVELOPED",
                "statement", "Orion Nano was trained from scratch by Orion Mobile on licensed and public data."));
    }

    private Api api(String user) {
        return new Api(apiUrl, () -> tokens.demoUser(user));
    }

    /** Creates {@code owner/slug} with a published 1.0.0 holding a small generated GGUF file, unless it exists. */
    private void publishVersion(Api api, String owner, String slug, String name, String kind, long parameters,
                                List<Map<String, String>> parents) throws IOException, InterruptedException {
        String modelPath = "/api/v1/models/" + owner + "/" + slug;
        if (!exists(api, modelPath)) {
            api.post("/api/v1/models", Map.of("slug", slug, "name", name, "kind", kind, "architecture", "llama",
                    "parameterCount", parameters, "contextLength", 4096, "visibility", "PUBLIC",
                    "description", name + " (demo data)"));
        }
        String versionPath = modelPath + "/versions/1.0.0";
        if (!exists(api, versionPath)) {
            String digest = upload(api, owner + "/" + slug);
            api.post(modelPath + "/versions", Map.of("version", "1.0.0",
                    "modelCard", "# " + name + "\n\nDemo model card. Weights are random: this is demo data.",
                    "trainingData", "Demo: no real training data.",
                    "artifacts", List.of(Map.of("digest", digest, "fileName", slug + "-f32.gguf"))));
        }
        if ("DRAFT".equals(api.get(versionPath).get("status").asText())) {
            if (!parents.isEmpty()) {
                api.put(versionPath + "/lineage", Map.of("parents", parents));
            }
            api.post(versionPath + "/publish", Map.of());
        }
    }

    private String upload(Api api, String seed) throws IOException, InterruptedException {
        SampleGguf gguf = SampleGguf.small("llama", "demo:" + seed);
        Path file = Files.createTempFile("modelport-demo", ".gguf");
        try {
            try (InputStream in = gguf.open()) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new Uploader(api, 1 << 20, 3).upload(file, gguf.digest(), gguf.size(), done -> { }).digest();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private JsonNode offer(Api vendor, String model, String title, Map<String, String> licence, String fee,
                           String royalty) {
        for (JsonNode offer : vendor.get("/api/v1/models/" + model + "/offers?limit=200").get("items")) {
            if (offer.get("title").asText().equals(title)) {
                return offer;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("versions", Map.of("from", "1.0.0"));
        body.put("allows", Map.of("fineTuning", true, "quantization", true, "deviceDistribution", true));
        body.put("deviceCap", 1_000_000);
        body.put("territories", List.of("CN", "EU", "US"));
        body.put("termStart", "2025-01-01T00:00:00Z");
        body.put("termEnd", "2035-01-01T00:00:00Z");
        body.put("fee", fee);
        body.put("royaltyPerActivation", royalty);
        body.put("currency", "USD");
        body.put("attribution", "Built on " + model);
        body.putAll(licence);
        return vendor.post("/api/v1/models/" + model + "/offers", body);
    }

    private void entitlement(Api buyer, String offerId) {
        for (JsonNode held : buyer.get("/api/v1/entitlements?side=HOLDER&limit=200").get("items")) {
            if (held.get("offerId").asText().equals(offerId) && "ACTIVE".equals(held.get("status").asText())) {
                return;
            }
        }
        buyer.post("/api/v1/offers/" + offerId + "/purchase", Map.of());
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


    static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
