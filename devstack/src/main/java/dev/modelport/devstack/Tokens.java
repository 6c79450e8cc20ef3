package dev.modelport.devstack;

import dev.modelport.cli.Login;

/** Gets real access tokens from Keycloak's token endpoint, for the seeder and the end-to-end tests. */
public final class Tokens {

    /** The public command-line client, which may use the password grant for demo users. */
    public static final String CLI_CLIENT = Login.CLI_CLIENT;
    public static final String DEMO_PASSWORD = "demo";

    private final String realmUrl;

    public Tokens(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public String realmUrl() {
        return realmUrl;
    }

    public String password(String username, String password) {
        return Login.password(realmUrl, username, password).get();
    }

    public String demoUser(String username) {
        return password(username, DEMO_PASSWORD);
    }

    public String clientCredentials(String clientId, String secret) {
        return Login.clientCredentials(realmUrl, clientId, secret).get();
    }
}
