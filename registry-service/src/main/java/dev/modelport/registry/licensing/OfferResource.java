package dev.modelport.registry.licensing;

import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** One offer: read it, withdraw it (its vendor), buy it (OEMs and vendors), which records an order. */
@Path("/api/v1/offers/{id}")
public class OfferResource {

    @Inject
    OfferService offers;

    @Inject
    EntitlementService entitlements;

    @Inject
    CallerResolver callers;

    @GET
    @Authenticated
    public OfferView get(@PathParam("id") UUID id) {
        return offers.get(callers.current(), id);
    }

    @POST
    @Path("/withdraw")
    @RolesAllowed(Roles.VENDOR)
    public OfferView withdraw(@PathParam("id") UUID id) {
        return offers.withdraw(callers.current(), id);
    }

    @POST
    @Path("/purchase")
    @RolesAllowed({Roles.OEM, Roles.VENDOR})
    public Response purchase(@PathParam("id") UUID id) {
        EntitlementView entitlement = entitlements.purchase(callers.current(), callers.requireOrg(), id);
        return Response.created(URI.create("/api/v1/entitlements/" + entitlement.id())).entity(entitlement).build();
    }
}
