package dev.modelport.registry.blob.device;

import dev.modelport.registry.blob.BlobStore;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.common.problem.Problem;
import dev.modelport.registry.device.DeviceAuthenticated;
import dev.modelport.registry.device.DeviceContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Build downloads for phones ({@code /device/v1/blobs/sha256:<hex>}). Blobs are immutable and content-addressed, so
 * the digest is a strong ETag and every answer may be cached for a year. Range requests (RFC 9110 §14) let a phone
 * resume and fetch only the tensors a delta needs. On the filesystem backend whole files and single ranges go out with
 * {@code sendfile} (Vert.x {@code sendFile} via Quarkus REST's {@link PathPart}); on S3 the phone is redirected to a
 * short-lived presigned URL, except for multiple ranges, which S3 cannot answer in one request.
 */
@Path("/device/v1/blobs")
@DeviceAuthenticated
public class DeviceBlobResource {

    static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
    static final String OCTETS = "application/octet-stream";

    @Inject
    DeviceContext device;

    @Inject
    DeviceBlobAccess access;

    @Inject
    BlobStore store;

    @GET
    @Path("/{digest}")
    public Response get(@PathParam("digest") String digest, @HeaderParam("Range") String range,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @HeaderParam("If-Range") String ifRange) {
        return answer(digest, ifNoneMatch, range, ifRange, false);
    }

    /** The GET's headers without its body; Range is defined for GET only and so ignored here (RFC 9110 §14.2). */
    @HEAD
    @Path("/{digest}")
    public Response head(@PathParam("digest") String digest,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(digest, ifNoneMatch, null, null, true);
    }

    private Response answer(String digestText, String ifNoneMatch, String range, String ifRange, boolean head) {
        Sha256Digest digest = parse(digestText);
        long size = access.requireDownloadable(device.deviceId(), digest);
        String etag = EntityTags.of(digest);
        // §13.2.2: If-None-Match first; a match means the client has these exact bytes.
        if (EntityTags.anyMatches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_IMMUTABLE).build();
        }
        // §13.1.5: a Range under an If-Range that does not match strongly is ignored; the whole blob is sent.
        RangeRequest ranges = ifRange == null || EntityTags.strongMatch(ifRange, etag)
                ? RangeRequest.parse(range, size) : new RangeRequest.Whole();
        if (ranges instanceof RangeRequest.Unsatisfiable) {
            return unsatisfiable(digest, size, etag);
        }
        BlobStore.Source source = source(digest, size);
        if (source instanceof BlobStore.Source.Presigned presigned && !head
                && !(ranges instanceof RangeRequest.Ranges r && r.ranges().size() > 1)) {
            // The object store answers the Range itself; the redirect must not be cached beyond its signature.
            return Response.temporaryRedirect(presigned.uri()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        Response.ResponseBuilder answer = ranges instanceof RangeRequest.Ranges r
                ? partial(source, digest, size, r.ranges()) : whole(source, size);
        answer.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_IMMUTABLE)
                .header("Accept-Ranges", "bytes");
        if (head) {
            Response built = answer.build();
            Response.ResponseBuilder headers = Response.status(built.getStatus()).replaceAll(built.getHeaders());
            return headers.entity(null).build();
        }
        return answer.build();
    }

    private Response.ResponseBuilder whole(BlobStore.Source source, long size) {
        Response.ResponseBuilder ok = Response.ok().type(OCTETS).header(HttpHeaders.CONTENT_LENGTH, size);
        return source instanceof BlobStore.Source.LocalFile file ? ok.entity(new PathPart(file.file(), 0, size)) : ok;
    }

    private Response.ResponseBuilder partial(BlobStore.Source source, Sha256Digest digest, long size,
                                             List<RangeRequest.ByteRange> ranges) {
        Response.ResponseBuilder partial = Response.status(Response.Status.PARTIAL_CONTENT);
        if (ranges.size() == 1) {
            RangeRequest.ByteRange only = ranges.get(0);
            partial.type(OCTETS).header("Content-Range", only.contentRange(size))
                    .header(HttpHeaders.CONTENT_LENGTH, only.length());
            if (source instanceof BlobStore.Source.LocalFile file) {
                partial.entity(new PathPart(file.file(), only.first(), only.length()));
            }
            return partial;
        }
        MultipartByteranges body = new MultipartByteranges(store, digest, size, ranges);
        return partial.type(body.contentType()).header(HttpHeaders.CONTENT_LENGTH, body.contentLength())
                .entity(body);
    }

    private static Response unsatisfiable(Sha256Digest digest, long size, String etag) {
        String detail = "no requested range overlaps blob " + digest + " of " + size + " bytes";
        return Response.status(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE)
                .header("Content-Range", "bytes */" + size).header(HttpHeaders.ETAG, etag)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(ErrorCode.RANGE_NOT_SATISFIABLE, detail, null, List.of())).build();
    }

    private BlobStore.Source source(Sha256Digest digest, long size) {
        try {
            return store.source(digest, size);
        } catch (NoSuchFileException e) {
            throw new DomainException(ErrorCode.BLOB_UNAVAILABLE, "blob " + digest + " is registered but its bytes "
                    + "are not in the blob store");
        } catch (BlobStore.CorruptBlobException e) {
            throw new DomainException(ErrorCode.BLOB_UNAVAILABLE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Sha256Digest parse(String text) {
        try {
            return Sha256Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("blob " + text);
        }
    }
}
