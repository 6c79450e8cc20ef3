package dev.modelport.registry.filing;

import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import java.util.List;
import java.util.UUID;

/** Regulatory filings: OEMs record them, regulators of the filing's jurisdiction decide on them. */
@Path("/api/v1/filings")
public class FilingResource {

    public record CreateFilingRequest(
            @NotNull @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code such as CN")
            String jurisdiction,
            @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$",
                    message = "must be 1-64 letters, digits, '/', '.', '_' or '-'") String filingNumber,
            @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = VersionName.PATTERN,
                    message = "must name a version as owner/model@1.0.0") String> versions) {
    }

    /** {@code reason} is mandatory; {@code note} is its older name, still accepted. */
    public record DecisionRequest(@NotNull FilingStatus decision, @Size(max = 2000) String reason,
                                  @Size(max = 2000) String note) {
        String why() {
            return reason != null ? reason : note;
        }
    }

    public record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Inject
    FilingService service;

    @Inject
    CallerResolver callers;

    @POST
    @RolesAllowed(Roles.OEM)
    public Response file(@Valid @NotNull CreateFilingRequest request) {
        List<VersionName> names = request.versions().stream().map(VersionName::parse).toList();
        FilingView filing = service.file(callers.current(), callers.requireOrg(), request.jurisdiction(),
                request.filingNumber(), names);
        return Response.created(URI.create("/api/v1/filings/" + filing.id())).entity(filing).build();
    }

    @GET
    @Authenticated
    public Page<FilingView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(callers.current(), cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public FilingView get(@PathParam("id") UUID id) {
        return service.get(callers.current(), id);
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed(Roles.REGULATOR)
    public FilingView decide(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return service.decide(callers.current(), id, request.decision(), request.why());
    }

    /** The regulator's queue: submitted filings of its jurisdictions (or {@code status}), oldest first. */
    @GET
    @Path("/queue")
    @RolesAllowed(Roles.REGULATOR)
    public Page<FilingView> queue(@QueryParam("jurisdiction") String jurisdiction,
                                  @QueryParam("status") FilingStatus status, @QueryParam("filer") String filer,
                                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.queue(callers.current(), new FilingQueueFilter(jurisdiction, status, filer), cursor,
                Cursor.limit(limit));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.REGULATOR)
    public FilingView approve(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request) {
        return service.decide(callers.current(), id, FilingStatus.APPROVED, request.reason());
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.REGULATOR)
    public FilingView reject(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request) {
        return service.decide(callers.current(), id, FilingStatus.REJECTED, request.reason());
    }

    @POST
    @Path("/{id}/suspend")
    @RolesAllowed(Roles.REGULATOR)
    public FilingView suspend(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request) {
        return service.decide(callers.current(), id, FilingStatus.SUSPENDED, request.reason());
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed(Roles.OEM)
    public FilingView withdraw(@PathParam("id") UUID id) {
        return service.withdraw(callers.current(), id);
    }
}
