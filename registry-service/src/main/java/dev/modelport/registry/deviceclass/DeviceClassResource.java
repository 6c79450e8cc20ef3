package dev.modelport.registry.deviceclass;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Device classes: platform-wide, managed by admins, readable by every signed-in user. */
@Path("/api/v1/device-classes")
public class DeviceClassResource {

    public record CreateDeviceClassRequest(
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{0,63}$",
                    message = "must be 1-64 lowercase letters, digits, '.', '_' or '-'") String slug,
            @NotNull @Valid DeviceClassSpec spec) {
    }

    @Inject
    DeviceClassService service;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull CreateDeviceClassRequest request) {
        DeviceClassView created = service.create(request.slug(), request.spec());
        return Response.created(URI.create("/api/v1/device-classes/" + created.slug())).entity(created).build();
    }

    @GET
    @Authenticated
    public Page<DeviceClassView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{slug}")
    @Authenticated
    public DeviceClassView get(@PathParam("slug") String slug) {
        return service.get(slug);
    }

    @PUT
    @Path("/{slug}")
    @RolesAllowed(Roles.ADMIN)
    public DeviceClassView update(@PathParam("slug") String slug, @Valid @NotNull DeviceClassSpec spec) {
        return service.update(slug, spec);
    }
}
