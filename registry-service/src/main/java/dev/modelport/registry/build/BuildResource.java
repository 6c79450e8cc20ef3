package dev.modelport.registry.build;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.org.OrgService;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

/**
 * Device builds (operator API). OEMs request platform builds and register uploaded ones; every write is the owning
 * organisation's. Reads follow the tenancy rule; the GGUF itself is downloaded by its owner here (phones use the
 * device API).
 */
@Path("/api/v1/builds")
@Authenticated
public class BuildResource {

    @Inject
    BuildService builds;

    @Inject
    UploadedBuildService uploads;

    @Inject
    CallerResolver callers;

    @Inject
    OrgService orgs;

    /** Audited as {@code build.requested}; 422 BUILD_EXCEEDS_MEMORY_BUDGET or LICENCE_REQUIRED when refused. */
    @POST
    @RolesAllowed(Roles.OEM)
    public Response request(@Valid @NotNull BuildWire.BuildRequest request) {
        BuildWire.BuildResponse build = builds.request(callers.current(), request);
        return Response.accepted(build).location(URI.create("/api/v1/builds/" + build.id())).build();
    }

    /** Audited as {@code build.uploaded}. */
    @POST
    @Path("/uploads")
    @RolesAllowed(Roles.OEM)
    public Response upload(@Valid @NotNull BuildWire.UploadedBuildRequest request) {
        BuildWire.BuildResponse build = uploads.upload(callers.current(), request);
        return Response.created(URI.create("/api/v1/builds/" + build.id())).entity(build).build();
    }

    /** Audited as {@code build.verification-requested}; the job's outcome is the build's derivation. */
    @POST
    @Path("/{id}/verification")
    @RolesAllowed(Roles.OEM)
    public Response verify(@PathParam("id") UUID id) {
        return Response.accepted(uploads.verify(callers.current(), id)).build();
    }

    /** {@code ?version=owner/model@1.0.0}, or {@code ?owner=slug} (default: the caller's organisation). */
    @GET
    public Page<BuildWire.BuildResponse> list(@QueryParam("version") String version, @QueryParam("owner") String owner,
                                              @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int rows = Cursor.limit(limit);
        if (version != null) {
            return builds.ofVersion(callers.current(), version, cursor, rows);
        }
        var org = owner == null ? callers.requireOrg() : orgs.get(owner);
        return builds.ofOwner(callers.current(), org, cursor, rows);
    }

    @GET
    @Path("/{id}")
    public BuildWire.BuildResponse get(@PathParam("id") UUID id) {
        return builds.get(callers.current(), id);
    }

    /** The signed statement with its log index and the offline-verification bundle (inclusion proof, checkpoint). */
    @GET
    @Path("/{id}/provenance")
    public BuildWire.ProvenanceResponse provenance(@PathParam("id") UUID id) {
        return builds.provenance(callers.current(), id);
    }

    @GET
    @Path("/{id}/gguf")
    @Produces("application/octet-stream")
    public Response gguf(@PathParam("id") UUID id) {
        BuildService.Download d = builds.download(callers.current(), id);
        StreamingOutput body = out -> {
            try (InputStream in = d.stream()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body).header("Content-Length", d.size())
                .header("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"")
                .header("ETag", "\"" + d.digest() + "\"").build();
    }
}
