package dev.modelport.registry.support;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static io.restassured.RestAssured.given;

import dev.modelport.devstack.SampleGguf;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import java.util.List;
import java.util.Map;

/**
 * Builds catalog data through the public API, each piece uniquely named. Demo users act for these organisations:
 * vendor → acme-ai, vendor2 → northwind-labs, oem → orion-mobile, oem2 → pixelon.
 */
public final class Fixtures {

    public static final Map<String, String> ORG_OF = Map.of("vendor", "acme-ai", "vendor2", "northwind-labs",
            "oem", "orion-mobile", "oem2", "pixelon");

    /** Binary bodies go out exactly as given, with no charset appended to the content type. */
    public static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private Fixtures() {
    }

    /** Uploads a small unique GGUF file as {@code user}; returns its digest. */
    public static String upload(String user) {
        SampleGguf gguf = SampleGguf.small("llama", unique("weights"));
        return upload(user, gguf.bytes(), gguf.digest());
    }

    /** Uploads {@code bytes} in one chunk, declaring {@code digest}, and completes the upload. */
    public static String upload(String user, byte[] bytes, String digest) {
        String id = as(user).body(Map.of("sha256", digest, "size", bytes.length)).post("/api/v1/uploads").then()
                .statusCode(201).extract().path("id");
        appendChunk(user, id, 0, bytes).then().statusCode(204);
        as(user).put("/api/v1/uploads/" + id + "/complete").then().statusCode(200);
        return digest;
    }

    public static io.restassured.response.Response appendChunk(String user, String uploadId, long offset,
                                                               byte[] bytes) {
        return given().config(RAW).auth().oauth2(Api.token(user)).contentType("application/offset+octet-stream")
                .header("Upload-Offset", offset).body(bytes).patch("/api/v1/uploads/" + uploadId);
    }

    /** A new model line of {@code user}'s organisation; returns {@code owner/slug}. */
    public static String model(String user, String kind, String visibility) {
        String slug = unique(kind.toLowerCase());
        as(user).body(Map.of("slug", slug, "name", "Model " + slug, "kind", kind, "architecture", "llama",
                        "parameterCount", 7_000_000_000L, "contextLength", 4096, "visibility", visibility))
                .post("/api/v1/models").then().statusCode(201);
        return ORG_OF.get(user) + "/" + slug;
    }

    /** A draft {@code model@version} with one freshly uploaded artifact. */
    public static String draft(String user, String model, String version) {
        String digest = upload(user);
        as(user).body(Map.of("version", version, "modelCard", "# " + model, "trainingData", "test data",
                        "artifacts", List.of(Map.of("digest", digest, "fileName", "weights.gguf"))))
                .post("/api/v1/models/" + model + "/versions").then().statusCode(201);
        return model + "@" + version;
    }

    /** Declares the parents of a draft, given as {@code owner/model@v} → relation. */
    public static io.restassured.response.Response declareParents(String user, String version,
                                                                  Map<String, String> parents) {
        List<Map<String, String>> body = parents.entrySet().stream()
                .map(e -> Map.of("version", e.getKey(), "relation", e.getValue())).toList();
        return as(user).body(Map.of("parents", body)).put(path(version) + "/lineage");
    }

    public static io.restassured.response.Response publish(String user, String version) {
        return as(user).post(path(version) + "/publish");
    }

    /** A published 1.0.0 of a new {@code kind} model of {@code user}'s organisation; returns its name. */
    public static String publishedModel(String user, String kind, String visibility) {
        String version = draft(user, model(user, kind, visibility), "1.0.0");
        publish(user, version).then().statusCode(200);
        return version;
    }

    /** {@code owner/model@1.0.0} → {@code /api/v1/models/owner/model/versions/1.0.0}. */
    public static String path(String version) {
        int at = version.indexOf('@');
        return "/api/v1/models/" + version.substring(0, at) + "/versions/" + version.substring(at + 1);
    }

    public static String modelOf(String version) {
        return version.substring(0, version.indexOf('@'));
    }

    /** Buys an offer as {@code user}; returns the entitlement id. */
    public static String purchase(String user, String offerId) {
        return as(user).post("/api/v1/offers/" + offerId + "/purchase").then().statusCode(201).extract().path("id");
    }
}
