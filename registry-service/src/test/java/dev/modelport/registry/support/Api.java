package dev.modelport.registry.support;

import static io.restassured.RestAssured.given;

import dev.modelport.devstack.DemoSeeder;
import dev.modelport.devstack.Tokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test access to the running app with real Keycloak tokens of the realm's demo users. The demo organisations are
 * seeded once, exactly as {@code ./modelport up} seeds them.
 */
public final class Api {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static volatile boolean seeded;

    private Api() {
    }

    public static String realmUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    public static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> new Tokens(realmUrl()).demoUser(u));
    }

    public static String serviceAccountToken(String clientId, String secret) {
        return TOKENS.computeIfAbsent("client:" + clientId, c -> new Tokens(realmUrl()).clientCredentials(clientId,
                secret));
    }

    /** A request as the given demo user, with JSON content type. */
    public static RequestSpecification as(String user) {
        ensureSeeded();
        return given().auth().oauth2(token(user)).contentType("application/json");
    }

    public static RequestSpecification anonymous() {
        return given().contentType("application/json");
    }

    /** Slugs unique to one test, so tests never see each other's data. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static synchronized void ensureSeeded() {
        if (seeded) {
            return;
        }
        String apiUrl = "http://localhost:" + RestAssured.port;
        try {
            new DemoSeeder(apiUrl, new Tokens(realmUrl())).seed();
        } catch (Exception e) {
            throw new IllegalStateException("seeding the demo organisations failed", e);
        }
        seeded = true;
    }
}
