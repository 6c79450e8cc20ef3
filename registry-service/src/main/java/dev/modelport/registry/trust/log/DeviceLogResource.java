package dev.modelport.registry.trust.log;

import dev.modelport.registry.common.problem.DomainException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The transparency log for phones. Read-only and unauthenticated: everything here is public and verifiable against
 * the signed checkpoint, so a device needs no credential to check that what it was shown is in the log.
 */
@Path("/device/v1/log")
public class DeviceLogResource {

    @Inject
    TransparencyLog log;

    @GET
    @Path("/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    public String checkpoint() {
        return log.checkpoint();
    }

    @GET
    @Path("/entries/{index}")
    public LogWire.EntryResponse entry(@PathParam("index") long index) {
        return log.entry(index).map(LogWire.EntryResponse::of)
                .orElseThrow(() -> DomainException.notFound("log entry " + index));
    }

    @GET
    @Path("/proof/inclusion")
    public InclusionProof inclusion(@QueryParam("leafHash") String leafHash, @QueryParam("treeSize") Long treeSize) {
        return log.inclusionProof(leafHash, treeSize);
    }

    @GET
    @Path("/proof/consistency")
    public ConsistencyProof consistency(@QueryParam("from") long from, @QueryParam("to") long to) {
        return log.consistencyProof(from, to);
    }

    @GET
    @Path("/bundle")
    public LogWire.BundleResponse bundle(@QueryParam("leafHash") String leafHash) {
        return LogWire.BundleResponse.of(log.bundle(leafHash));
    }
}
