package dev.modelport.registry.compliance;

import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
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
import java.net.URI;
import java.util.UUID;

/** Compliance holds: a regulator suspends a model version in its jurisdiction, and lifts the hold. */
@Path("/api/v1/holds")
public class ComplianceResource {

    public record PlaceHoldRequest(
            @NotNull @Pattern(regexp = VersionName.PATTERN, message = "must name a version as owner/model@1.0.0")
            String version,
            @NotNull @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code such as CN")
            String jurisdiction,
            @NotBlank @Size(max = 2000) String reason) {
    }

    public record LiftHoldRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Inject
    ComplianceService service;

    @Inject
    CallerResolver callers;

    @POST
    @RolesAllowed(Roles.REGULATOR)
    public Response place(@Valid @NotNull PlaceHoldRequest request) {
        HoldView hold = service.place(callers.current(), VersionName.parse(request.version()),
                request.jurisdiction(), request.reason());
        return Response.created(URI.create("/api/v1/holds/" + hold.id())).entity(hold).build();
    }

    @POST
    @Path("/{id}/lift")
    @RolesAllowed(Roles.REGULATOR)
    public HoldView lift(@PathParam("id") UUID id, @Valid @NotNull LiftHoldRequest request) {
        return service.lift(callers.current(), id, request.reason());
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public HoldView get(@PathParam("id") UUID id) {
        return service.get(callers.current(), id);
    }

    /** Holds you may see, optionally of one jurisdiction or version ({@code owner/model@1.0.0}), or active only. */
    @GET
    @Authenticated
    public Page<HoldView> list(@QueryParam("jurisdiction") String jurisdiction,
                               @QueryParam("version") String version, @QueryParam("active") boolean activeOnly,
                               @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        VersionName name;
        try {
            name = version == null ? null : VersionName.parse(version);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "version: " + e.getMessage());
        }
        return service.list(callers.current(), jurisdiction, name, activeOnly, cursor, Cursor.limit(limit));
    }
}
