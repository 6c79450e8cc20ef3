package dev.modelport.registry.trust;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Trust keys: admins list, rotate and revoke every key; an OEM registers, rotates and revokes its own delegated
 * targets key. Every change is a root-signed key event in the transparency log.
 */
@Path("/api/v1/trust")
public class TrustKeyResource {

    public record RegisterKeyRequest(@NotNull KeyCustody custody, @Size(max = 400) String publicKey) {
    }

    public record RotateKeyRequest(@Size(max = 500) String reason, @Size(max = 400) String publicKey) {
    }

    public record RevokeKeyRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Inject
    TrustKeyService keys;

    @Inject
    CallerResolver callers;

    /** Keys, optionally of one role or one owner. Admins see all; an OEM names itself as owner. */
    @GET
    @Path("/keys")
    @Authenticated
    public Page<TrustKeyView> list(@QueryParam("role") KeyRole role, @QueryParam("owner") String owner,
                                   @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return keys.list(callers.current(), Optional.ofNullable(role), Optional.ofNullable(owner), cursor,
                Cursor.limit(limit));
    }

    @POST
    @Path("/keys/{keyId}/rotate")
    @RolesAllowed({Roles.ADMIN, Roles.OEM})
    public TrustKeyService.Rotation rotate(@PathParam("keyId") String keyId, @Valid RotateKeyRequest request) {
        RotateKeyRequest r = request == null ? new RotateKeyRequest(null, null) : request;
        return keys.rotate(callers.current(), keyId, r.reason(), r.publicKey());
    }

    @POST
    @Path("/keys/{keyId}/revoke")
    @RolesAllowed({Roles.ADMIN, Roles.OEM})
    public TrustKeyService.Rotation revoke(@PathParam("keyId") String keyId,
                                           @Valid @NotNull RevokeKeyRequest request) {
        return keys.revoke(callers.current(), keyId, request.reason());
    }

    /** An OEM registers its delegated targets key: its own public key, or one the platform holds for it. */
    @POST
    @Path("/oems/{org}/keys")
    @RolesAllowed(Roles.OEM)
    public Response register(@PathParam("org") String org, @Valid @NotNull RegisterKeyRequest request) {
        TrustKeyView key = keys.registerOemKey(callers.current(), org, request.custody(), request.publicKey());
        return Response.created(URI.create("/api/v1/trust/keys?owner=" + org)).entity(key).build();
    }

    /** The latest root.json, exactly as signed: what a phone pins at first install. */
    @GET
    @Path("/root")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public byte[] root() {
        return keys.latestRoot();
    }
}
