package dev.modelport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** A small JSON client for the Modelport API that renews its token when the server says it expired. */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final Supplier<String> login;
    private volatile String token;

    public Api(String baseUrl, Supplier<String> login) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.login = login;
    }

    public HttpClient http() {
        return http;
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    public JsonNode get(String path) {
        return json("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return json("POST", path, body);
    }

    public JsonNode put(String path, Object body) {
        return json("PUT", path, body);
    }

    /** Sends a request built by {@code build} with the current token, once more with a new token after a 401. */
    public <T> HttpResponse<T> send(Supplier<HttpRequest.Builder> build, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (token == null) {
            token = login.get();
        }
        HttpResponse<T> response = http.send(build.get().header("Authorization", "Bearer " + token).build(), handler);
        if (response.statusCode() == 401) {
            token = login.get();
            response = http.send(build.get().header("Authorization", "Bearer " + token).build(), handler);
        }
        return response;
    }

    private JsonNode json(String method, String path, Object body) {
        try {
            String text = body == null ? null : JSON.writeValueAsString(body);
            HttpResponse<String> response = send(() -> HttpRequest.newBuilder(uri(path))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text)), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(response.statusCode(), json, method + " " + path + " answered "
                        + response.statusCode());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
