package dev.modelport.registry.trust.tuf;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.trust.TrustKeyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * TUF metadata and targets for phones, laid out as standard TUF clients (tuf-js, python-tuf, our ota-client) expect
 * with consistent snapshots. Public: every file is signed, and the client trusts only its pinned root. Versioned
 * files never change and are cached for good; timestamp.json and root.json are revalidated.
 */
@Path("/device/v1/tuf")
public class DeviceTufResource {

    private static final Pattern ROOT_FILE = Pattern.compile("root\\.json|[1-9][0-9]{0,9}\\.root\\.json");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";

    @Inject
    TrustKeyService keys;

    @Inject
    TufRepositoryService repositories;

    /** The platform root (latest, or one version) for pinning, shared by every repository. */
    @GET
    @Path("/{file}")
    public Response root(@PathParam("file") String file) {
        if (!ROOT_FILE.matcher(file).matches()) {
            throw DomainException.notFound("TUF file " + file);
        }
        byte[] bytes = file.equals("root.json") ? keys.latestRoot()
                : keys.root(Integer.parseInt(file.substring(0, file.indexOf('.'))))
                        .orElseThrow(() -> DomainException.notFound("TUF file " + file));
        return metadata(bytes, file);
    }

    @GET
    @Path("/{oem}/{channel}/{file}")
    public Response metadata(@PathParam("oem") String oem, @PathParam("channel") String channel,
                             @PathParam("file") String file) {
        byte[] bytes = repositories.metadataFile(oem, channel, file)
                .orElseThrow(() -> DomainException.notFound("TUF file " + oem + "/" + channel + "/" + file));
        return metadata(bytes, file);
    }

    /**
     * A target by consistent-snapshot path. Small inline targets are served here; others redirect to the blob
     * store, whose bytes the client checks against the signed length and hashes either way.
     */
    @GET
    @Path("/{oem}/{channel}/targets/{path: .+}")
    public Response target(@PathParam("oem") String oem, @PathParam("channel") String channel,
                           @PathParam("path") String path) {
        TargetLocation t = repositories.target(oem, channel, path)
                .orElseThrow(() -> DomainException.notFound("target " + path + " in " + oem + "/" + channel));
        if (!t.inline()) {
            return Response.temporaryRedirect(URI.create("/device/v1/blobs/sha256:" + t.sha256())).build();
        }
        return Response.ok(t.content(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.ETAG, "\"sha256:" + t.sha256() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, IMMUTABLE).build();
    }

    private static Response metadata(byte[] bytes, String file) {
        boolean mutable = file.equals("root.json") || file.equals("timestamp.json");
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, mutable ? REVALIDATE : IMMUTABLE).build();
    }
}
