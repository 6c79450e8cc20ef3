package dev.modelport.registry.dossier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.registry.tenancy.CallerResolver;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A model version's signed dossier, for its owner, regulators of a jurisdiction the owner operates in, and admins.
 * Verify it offline with {@code ./modelport verify dossier.json --root root.json}.
 */
@Path("/api/v1/models/{owner}/{model}/versions/{version}/dossier")
public class DossierResource {

    @Inject
    DossierService service;

    @Inject
    CallerResolver callers;

    @GET
    @Authenticated
    @Produces({MediaType.APPLICATION_JSON, Dossier.MEDIA_TYPE})
    public ObjectNode dossier(@PathParam("owner") String owner, @PathParam("model") String model,
                              @PathParam("version") String version) {
        return service.dossier(callers.current(), owner, model, version);
    }
}
