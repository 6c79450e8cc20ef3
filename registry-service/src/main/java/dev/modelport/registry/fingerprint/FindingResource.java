package dev.modelport.registry.fingerprint;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;

/** Provenance findings from weight fingerprints: the regulators' queue and the owners' view. */
@Path("/api/v1/findings")
@Authenticated
public class FindingResource {

    public record DecisionRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Inject
    FindingService findings;

    @Inject
    CallerResolver callers;

    /** {@code ?status=OPEN&version=owner/model@1.0.0}; versions claiming "self-developed" first, then oldest first. */
    @GET
    public Page<FindingView> list(@QueryParam("status") FindingStatus status, @QueryParam("version") String version,
                                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return findings.list(callers.current(), status, version, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    public FindingView get(@PathParam("id") UUID id) {
        return findings.get(callers.current(), id);
    }

    /** Signed, logged and audited as {@code finding.confirmed}; suspends a "self-developed" claim. */
    @POST
    @Path("/{id}/confirm")
    @RolesAllowed(Roles.REGULATOR)
    public FindingView confirm(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return findings.confirm(callers.current(), id, request.reason());
    }

    /** Signed, logged and audited as {@code finding.dismissed}. */
    @POST
    @Path("/{id}/dismiss")
    @RolesAllowed(Roles.REGULATOR)
    public FindingView dismiss(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return findings.dismiss(callers.current(), id, request.reason());
    }
}
