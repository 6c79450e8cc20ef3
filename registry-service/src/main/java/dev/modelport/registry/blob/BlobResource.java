package dev.modelport.registry.blob;

import io.quarkus.security.Authenticated;
import dev.modelport.registry.tenancy.CallerResolver;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Metadata of blobs the caller's organisation has uploaded: size, architecture, tensor shapes. */
@Path("/api/v1/blobs")
public class BlobResource {

    @Inject
    BlobService service;

    @Inject
    CallerResolver callers;

    @GET
    @Path("/{digest}")
    @Authenticated
    public BlobView get(@PathParam("digest") String digest) {
        return service.getHeld(callers.current(), digest);
    }
}
