package dev.modelport.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Gets real access tokens from Keycloak's token endpoint, for the seeder and the end-to-end tests. */
public final class Tokens {

    /** The public command-line client, which may use the password grant for demo users. */
    public static final String CLI_CLIENT = "modelport-cli";
    public static final String DEMO_PASSWORD = "demo";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;

    public Tokens(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public String password(String username, String password) {
        return request(Map.of("grant_type", "password", "client_id", CLI_CLIENT,
                "username", username, "password", password, "scope", "openid"));
    }

    public String demoUser(String username) {
        return password(username, DEMO_PASSWORD);
    }

    public String clientCredentials(String clientId, String secret) {
        return request(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request for " + form.getOrDefault("username",
                        form.get("client_id")) + " failed: " + response.statusCode() + " " + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak token endpoint unreachable at " + realmUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
