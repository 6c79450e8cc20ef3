package dev.modelport.registry.device;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Operators' view of their fleet's identities: enrollment tokens, devices, revocation. */
@Path("/api/v1")
public class DeviceAdminResource {

    public record EnrollmentTokenRequest(@NotBlank @Size(max = 200) String label,
                                         @NotNull @Min(1) @Max(10_000_000) Integer maxDevices,
                                         @NotNull @Min(1) @Max(365) Integer validDays) {
    }

    @Inject
    DeviceService service;

    @Inject
    CallerResolver callers;

    @Inject
    OrgService orgs;

    /** The secret is shown once, in this response; only its digest is stored. */
    @POST
    @Path("/enrollment-tokens")
    @RolesAllowed(Roles.OEM)
    public Response issue(@Valid @NotNull EnrollmentTokenRequest request) {
        var issued = service.issueEnrollmentToken(callers.current(), callers.requireOrg(), request.label(),
                request.maxDevices(), Duration.ofDays(request.validDays()));
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    /** A fleet: the devices of {@code owner}, by default the caller's own organisation. */
    @GET
    @Path("/devices")
    @Authenticated
    public Page<DeviceView> list(@QueryParam("owner") String owner, @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") Integer limit) {
        var org = owner == null ? callers.requireOrg() : orgs.get(owner);
        return service.list(callers.current(), org, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/devices/{deviceId}")
    @Authenticated
    public DeviceView get(@PathParam("deviceId") String deviceId) {
        return service.get(callers.current(), deviceId);
    }

    @POST
    @Path("/devices/{deviceId}/revoke")
    @RolesAllowed(Roles.OEM)
    public DeviceView revoke(@PathParam("deviceId") String deviceId) {
        return service.revoke(callers.current(), deviceId);
    }
}
