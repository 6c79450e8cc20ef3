package dev.modelport.registry.trust.tuf;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.tenancy.CallerResolver;
import dev.modelport.registry.tenancy.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Base64;

/**
 * For OEMs that hold their own delegated key: fetch the canonical bytes of metadata waiting for a signature, sign
 * them offline with Ed25519, and upload the signature; the publication then completes.
 */
@Path("/api/v1/trust/repos/{oem}/{channel}")
@RolesAllowed(Roles.OEM)
public class TufSigningResource {

    public record PendingResponse(String repository, String role, int version, String keyId, String canonicalSigned) {
    }

    public record SignatureRequest(@NotNull @Positive Integer version,
                                   @NotBlank @Pattern(regexp = "^[0-9a-f]{64}$") String keyId,
                                   @NotBlank @Pattern(regexp = "^[0-9a-fA-F]{128}$",
                                           message = "must be a 64-byte Ed25519 signature in hex") String sig) {
    }

    @Inject
    TufRepositoryService repositories;

    @Inject
    CallerResolver callers;

    /** {@code canonicalSigned} is base64 of exactly the bytes to sign. */
    @GET
    @Path("/pending")
    public PendingResponse pending(@PathParam("oem") String oem, @PathParam("channel") String channel) {
        return repositories.pending(callers.current(), oem, channel)
                .map(p -> new PendingResponse(p.repository(), p.role(), p.version(), p.keyId(),
                        Base64.getEncoder().encodeToString(p.canonicalSigned())))
                .orElseThrow(() -> DomainException.notFound("metadata waiting for a signature in " + oem + "/" + channel));
    }

    @POST
    @Path("/signatures")
    public PublishResult sign(@PathParam("oem") String oem, @PathParam("channel") String channel,
                              @Valid @NotNull SignatureRequest request) {
        return repositories.submitSignature(callers.current(), oem, channel, request.version(), request.keyId(),
                request.sig());
    }
}
