package dev.modelport.registry.provenance;

import dev.modelport.registry.catalog.VersionName;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/** Lineage, computed provenance and public claims of one version. */
@Path("/api/v1/models/{owner}/{model}/versions/{version}")
public class ProvenanceResource {

    public record ParentRequest(
            @NotNull @Pattern(regexp = VersionName.PATTERN, message = "must name a version as owner/model@1.0.0")
            String version,
            @NotNull Relation relation) {

        LineageService.ParentDeclaration declaration() {
            return new LineageService.ParentDeclaration(VersionName.parse(version), relation);
        }
    }

    public record LineageRequest(@NotNull @Size(max = LineageService.MAX_PARENTS)
                                 List<@Valid @NotNull ParentRequest> parents) {
    }

    public record ClaimRequest(@NotNull ProvenanceClass claim, @NotBlank @Size(max = 2000) String statement) {
    }

    @Inject
    LineageService lineage;

    @Inject
    ProvenanceService provenance;

    @Inject
    CallerResolver callers;

    @PUT
    @Path("/lineage")
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public LineageView declare(@PathParam("owner") String owner, @PathParam("model") String model,
                               @PathParam("version") String version, @Valid @NotNull LineageRequest request) {
        return lineage.declare(callers.current(), owner, model, version,
                request.parents().stream().map(ParentRequest::declaration).toList());
    }

    @GET
    @Path("/lineage")
    @Authenticated
    public LineageView lineage(@PathParam("owner") String owner, @PathParam("model") String model,
                               @PathParam("version") String version) {
        return lineage.graph(callers.current(), owner, model, version);
    }

    @GET
    @Path("/provenance")
    @Authenticated
    public ProvenanceView provenance(@PathParam("owner") String owner, @PathParam("model") String model,
                                     @PathParam("version") String version) {
        return provenance.provenance(callers.current(), owner, model, version);
    }

    @PUT
    @Path("/claim")
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public ProvenanceView claim(@PathParam("owner") String owner, @PathParam("model") String model,
                                @PathParam("version") String version, @Valid @NotNull ClaimRequest request) {
        return provenance.claim(callers.current(), owner, model, version, request.claim(), request.statement());
    }
}
