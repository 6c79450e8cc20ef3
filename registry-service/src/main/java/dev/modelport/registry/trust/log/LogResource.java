package dev.modelport.registry.trust.log;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.tenancy.Roles;
import dev.modelport.signing.tlog.NoteVerifierKey;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The transparency log for people and organisations: any signed-in caller may read it (it is public by design);
 * only admins run the full integrity check.
 */
@Path("/api/v1/log")
public class LogResource {

    @Inject
    TransparencyLog log;

    /** The latest signed C2SP checkpoint note. */
    @GET
    @Path("/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    @Authenticated
    public String checkpoint() {
        return log.checkpoint();
    }

    @GET
    @Path("/entries/{index}")
    @Authenticated
    public LogWire.EntryResponse entry(@PathParam("index") long index) {
        return log.entry(index).map(LogWire.EntryResponse::of)
                .orElseThrow(() -> DomainException.notFound("log entry " + index));
    }

    @GET
    @Path("/proof/inclusion")
    @Authenticated
    public InclusionProof inclusion(@QueryParam("leafHash") String leafHash, @QueryParam("treeSize") Long treeSize) {
        return log.inclusionProof(leafHash, treeSize);
    }

    @GET
    @Path("/proof/consistency")
    @Authenticated
    public ConsistencyProof consistency(@QueryParam("from") long from, @QueryParam("to") long to) {
        return log.consistencyProof(from, to);
    }

    /** Envelope, inclusion proof, checkpoint and key events of one entry: all that {@code ./modelport verify} needs. */
    @GET
    @Path("/bundle")
    @Authenticated
    public LogWire.BundleResponse bundle(@QueryParam("leafHash") String leafHash) {
        return LogWire.BundleResponse.of(log.bundle(leafHash));
    }

    @GET
    @Path("/keys")
    @Authenticated
    public LogWire.LogKeysResponse keys() {
        return new LogWire.LogKeysResponse(log.origin(), log.verifierKeys().stream().map(NoteVerifierKey::vkey).toList());
    }

    /** Rebuilds the tree from the stored envelopes and compares it with every stored hash and the checkpoint. */
    @GET
    @Path("/verify")
    @RolesAllowed(Roles.ADMIN)
    public IntegrityReport verify() {
        return log.verifyIntegrity();
    }
}
