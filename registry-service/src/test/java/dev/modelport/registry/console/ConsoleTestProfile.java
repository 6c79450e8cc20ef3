package dev.modelport.registry.console;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The browser tests run the app on a fixed port, 8081, because the browser signs in through Keycloak and the realm's
 * {@code modelport-console} client only redirects back to registered addresses ({@code http://localhost:8081/*} is
 * the test one). The other tests keep a random port.
 */
public class ConsoleTestProfile implements QuarkusTestProfile {

    static final int PORT = 8081;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", Integer.toString(PORT));
    }
}
