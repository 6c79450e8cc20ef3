package dev.modelport.registry.blob;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

/**
 * Resumable uploads of weight files, in the manner of the tus protocol: create a session naming digest and size,
 * {@code PATCH} bytes at the offset the server reports, then {@code PUT .../complete}. A client that was interrupted
 * asks for the offset ({@code HEAD}) and continues from there.
 */
@Path("/api/v1/uploads")
public class UploadResource {

    /** The header carrying the byte offset, both ways. */
    public static final String OFFSET = "Upload-Offset";
    public static final String LENGTH = "Upload-Length";

    public record CreateUploadRequest(
            @NotBlank String sha256,
            @NotNull @Positive Long size) {
    }

    @Inject
    UploadService service;

    @Inject
    CallerResolver callers;

    @POST
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public Response create(@Valid @NotNull CreateUploadRequest request) {
        UploadService.Started started = service.start(callers.current(), callers.requireOrg(), request.sha256(),
                request.size());
        UploadView upload = started.upload();
        Response.ResponseBuilder response = started.resumed() ? Response.ok()
                : Response.created(URI.create("/api/v1/uploads/" + upload.id()));
        return response.entity(upload).header(OFFSET, upload.committed()).header(LENGTH, upload.size()).build();
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public Response get(@PathParam("id") UUID id) {
        UploadView upload = service.get(callers.current(), id);
        return Response.ok(upload).header(OFFSET, upload.committed()).header(LENGTH, upload.size()).build();
    }

    @HEAD
    @Path("/{id}")
    @Authenticated
    public Response offset(@PathParam("id") UUID id) {
        UploadView upload = service.get(callers.current(), id);
        return Response.ok().header(OFFSET, upload.committed()).header(LENGTH, upload.size())
                .header("Cache-Control", "no-store").build();
    }

    /** Appends the body at {@code Upload-Offset}. The body is streamed to disk, never held in memory. */
    @PATCH
    @Path("/{id}")
    @Blocking
    @Consumes({"application/offset+octet-stream", "application/octet-stream"})
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public Response append(@PathParam("id") UUID id, @HeaderParam(OFFSET) String offset, InputStream body) {
        UploadView upload = service.append(callers.current(), id, parseOffset(offset), body);
        return Response.noContent().header(OFFSET, upload.committed()).header(LENGTH, upload.size()).build();
    }

    @PUT
    @Path("/{id}/complete")
    @RolesAllowed({Roles.VENDOR, Roles.OEM})
    public UploadView complete(@PathParam("id") UUID id) {
        return service.complete(callers.current(), id);
    }

    private static long parseOffset(String header) {
        try {
            long offset = Long.parseLong(header == null ? "" : header.trim());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DomainException(ErrorCode.VALIDATION_FAILED,
                "send the " + OFFSET + " header with the byte offset this chunk starts at");
    }
}
