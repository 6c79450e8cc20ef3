package dev.modelport.registry.rollout;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Rollouts: start one, watch its stages, pause, resume, advance, abort, roll back. Writes: the owning OEM. */
@Path("/api/v1/rollouts")
public class RolloutResource {

    @Inject
    RolloutService service;

    @Inject
    CallerResolver callers;

    @POST
    @RolesAllowed(Roles.OEM)
    public Response start(@Valid @NotNull RolloutRequest request) {
        return Response.status(Response.Status.CREATED).entity(service.start(callers.current(), request)).build();
    }

    @GET
    @Authenticated
    public Page<RolloutView> ofChannel(@QueryParam("channel") @NotNull UUID channel,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.ofChannel(callers.current(), channel, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public RolloutView get(@PathParam("id") UUID id) {
        return service.get(callers.current(), id);
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Roles.OEM)
    public RolloutView pause(@PathParam("id") UUID id) {
        return service.pause(callers.current(), id);
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.OEM)
    public RolloutView resume(@PathParam("id") UUID id) {
        return service.resume(callers.current(), id);
    }

    @POST
    @Path("/{id}/advance")
    @RolesAllowed(Roles.OEM)
    public RolloutView advance(@PathParam("id") UUID id) {
        return service.advance(callers.current(), id);
    }

    @POST
    @Path("/{id}/abort")
    @RolesAllowed(Roles.OEM)
    public RolloutView abort(@PathParam("id") UUID id) {
        return service.abort(callers.current(), id);
    }

    @POST
    @Path("/{id}/rollback")
    @RolesAllowed(Roles.OEM)
    public RolloutView rollback(@PathParam("id") UUID id) {
        return service.rollback(callers.current(), id);
    }
}
