package dev.modelport.cli;

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
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Access tokens from Keycloak's token endpoint: the password grant through the public client {@code modelport-cli}
 * for people, or the client-credentials grant for a CI service account.
 */
public final class Login implements Supplier<String> {

    public static final String CLI_CLIENT = "modelport-cli";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;
    private final Map<String, String> form;

    private Login(String realmUrl, Map<String, String> form) {
        this.realmUrl = realmUrl;
        this.form = Map.copyOf(form);
    }

    public static Login password(String realmUrl, String username, String password) {
        return new Login(realmUrl, Map.of("grant_type", "password", "client_id", CLI_CLIENT,
                "username", username, "password", password, "scope", "openid"));
    }

    public static Login clientCredentials(String realmUrl, String clientId, String secret) {
        return new Login(realmUrl, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    /** A fresh access token; called again whenever the API answers 401 (a long upload outlives a token). */
    @Override
    public String get() {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("login as " + form.getOrDefault("username", form.get("client_id"))
                        + " failed: " + response.statusCode() + " " + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + realmUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
