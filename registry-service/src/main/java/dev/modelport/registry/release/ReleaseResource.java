package dev.modelport.registry.release;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Channels of an OEM's model lines and the releases published to them. Writes: the owning OEM only. */
@Path("/api/v1")
public class ReleaseResource {

    public record ChannelRequest(@NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{0,63}$",
            message = "must be lower-case letters, digits, '.', '_' or '-'") String name,
                                 @NotBlank @Size(max = 130) String model) {
    }

    @Inject
    ReleaseService service;

    @Inject
    CallerResolver callers;

    @Inject
    OrgService orgs;

    @POST
    @Path("/channels")
    @RolesAllowed(Roles.OEM)
    public Response createChannel(@Valid @NotNull ChannelRequest request) {
        ChannelView channel = service.createChannel(callers.current(), callers.requireOrg(), request.name(),
                request.model());
        return Response.status(Response.Status.CREATED).entity(channel).build();
    }

    @GET
    @Path("/channels")
    @Authenticated
    public Page<ChannelView> channels(@QueryParam("owner") String owner, @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") Integer limit) {
        var org = owner == null ? callers.requireOrg() : orgs.get(owner);
        return service.channels(callers.current(), org, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/channels/{id}")
    @Authenticated
    public ChannelView channel(@PathParam("id") UUID id) {
        return service.channel(callers.current(), id);
    }

    /** Checks builds, licence and filings, then publishes the channel's TUF targets; 201 with the release. */
    @POST
    @Path("/channels/{id}/releases")
    @RolesAllowed(Roles.OEM)
    public Response publish(@PathParam("id") UUID channel, @Valid @NotNull ReleaseRequest request) {
        ReleaseView release = service.publish(callers.current(), channel, request);
        return Response.status(Response.Status.CREATED).entity(release).build();
    }

    @GET
    @Path("/channels/{id}/releases")
    @Authenticated
    public Page<ReleaseView> releases(@PathParam("id") UUID channel, @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") Integer limit) {
        return service.releasesOf(callers.current(), channel, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/releases/{id}")
    @Authenticated
    public ReleaseView release(@PathParam("id") UUID id) {
        return service.release(callers.current(), id);
    }
}
