package dev.modelport.cluster;

import dev.modelport.cli.Api;
import dev.modelport.devstack.Tokens;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The operator API as a demo user (real Keycloak tokens), through the load balancer or one instance directly. */
final class Operators {

    private final Tokens tokens;
    private final Map<String, Api> apis = new ConcurrentHashMap<>();

    Operators(Tokens tokens) {
        this.tokens = tokens;
    }

    /** {@code user}'s client for the server at {@code url}; its token is renewed on a 401. */
    Api as(String user, String url) {
        return apis.computeIfAbsent(user + " " + url, k -> new Api(url, () -> token(user)));
    }

    /** Each client fetches its token on first use, and a new one after a 401 (the server found it expired). */
    private String token(String user) {
        return tokens.demoUser(user);
    }
}
