package dev.modelport.registry.catalog;

import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Versions of a model line: {@code /api/v1/models/{owner}/{model}/versions/{version}}. The owner creates and edits
 * drafts and publishes them; a published version never changes again, only its lifecycle status moves.
 */
@Path("/api/v1/models/{owner}/{model}/versions")
public class VersionResource {

    public record ArtifactRequest(
            @NotNull @Pattern(regexp = Sha256Digest.PATTERN, message = "must be sha256:<64 lowercase hex digits>")
            String digest,
            @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$",
                    message = "must be a plain file name of letters, digits, '.', '_' or '-'")
            String fileName) {
    }

    /** Body of {@code POST}: the version label and the draft's content. */
    public record CreateVersionRequest(
            @NotNull @Pattern(regexp = SemVer.PATTERN, message = "must be MAJOR.MINOR.PATCH, such as 1.0.0")
            String version,
            @Size(max = 200_000) String modelCard,
            @Size(max = 20_000) String trainingData,
            @Size(max = VersionService.MAX_ARTIFACTS) List<@Valid @NotNull ArtifactRequest> artifacts) {

        VersionDraft draft() {
            return VersionResource.draft(modelCard, trainingData, artifacts);
        }
    }

    /** Body of {@code PUT}: replaces a draft's content. */
    public record UpdateVersionRequest(
            @Size(max = 200_000) String modelCard,
            @Size(max = 20_000) String trainingData,
            @Size(max = VersionService.MAX_ARTIFACTS) List<@Valid @NotNull ArtifactRequest> artifacts) {

        VersionDraft draft() {
            return VersionResource.draft(modelCard, trainingData, artifacts);
        }
    }

    public record StatusRequest(@NotNull VersionStatus status) {
    }

    @Inject
    VersionService service;

    @Inject
    CallerResolver callers;

    @POST
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public Response create(@PathParam("owner") String owner, @PathParam("model") String model,
                           @Valid @NotNull CreateVersionRequest request) {
        VersionView version = service.create(callers.current(), owner, model, request.version(), request.draft());
        return Response.created(URI.create("/api/v1/models/" + owner + "/" + model + "/versions/"
                + version.version())).entity(version).build();
    }

    @GET
    @Authenticated
    public Page<VersionView> list(@PathParam("owner") String owner, @PathParam("model") String model,
                                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(callers.current(), owner, model, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{version}")
    @Authenticated
    public VersionView get(@PathParam("owner") String owner, @PathParam("model") String model,
                           @PathParam("version") String version) {
        return service.get(callers.current(), owner, model, version);
    }

    @PUT
    @Path("/{version}")
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public VersionView update(@PathParam("owner") String owner, @PathParam("model") String model,
                              @PathParam("version") String version, @Valid @NotNull UpdateVersionRequest request) {
        return service.update(callers.current(), owner, model, version, request.draft());
    }

    @POST
    @Path("/{version}/publish")
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public VersionView publish(@PathParam("owner") String owner, @PathParam("model") String model,
                               @PathParam("version") String version) {
        return service.publish(callers.current(), owner, model, version);
    }

    @POST
    @Path("/{version}/status")
    @RolesAllowed({Roles.VENDOR, Roles.OEM, Roles.REGULATOR, Roles.ADMIN})
    public VersionView status(@PathParam("owner") String owner, @PathParam("model") String model,
                              @PathParam("version") String version, @Valid @NotNull StatusRequest request) {
        return service.transition(callers.current(), owner, model, version, request.status());
    }

    static VersionDraft draft(String modelCard, String trainingData, List<ArtifactRequest> artifacts) {
        List<VersionDraft.Artifact> list = artifacts == null ? List.of()
                : artifacts.stream().map(a -> new VersionDraft.Artifact(a.digest(), a.fileName())).toList();
        return new VersionDraft(modelCard, trainingData, list);
    }
}
