package dev.modelport.registry.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the browser console where to sign in. Public by design: it holds only the issuer URL and the public
 * client id, which every login page shows anyway.
 */
@Path("/console/config.json")
public class ConsoleConfigResource {

    public record ConsoleConfig(String issuer, String clientId) {
    }

    @ConfigProperty(name = "modelport.console.issuer")
    String issuer;

    @ConfigProperty(name = "modelport.console.client-id")
    String clientId;

    @GET
    public ConsoleConfig config() {
        return new ConsoleConfig(issuer, clientId);
    }
}
