package dev.modelport.registry.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;

/**
 * The phone's side of enrollment and authentication ({@code /device/v1}). Wire records are lenient: unknown fields
 * are ignored so that old and new phones coexist.
 */
@Path("/device/v1")
public class DeviceApiResource {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnrollRequest(@NotBlank @Size(max = 200) String enrollmentToken,
                                @NotBlank @Size(max = 100) String publicKey,
                                @Valid DeviceProfile profile) {
    }

    public record EnrollResponse(String deviceId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenRequest(@NotBlank @Size(max = 40) String deviceId,
                               @NotBlank @Size(max = 40) String timestamp,
                               @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{16,64}$",
                                       message = "must be 16-64 base64url characters") String nonce,
                               @NotBlank @Size(max = 200) String signature) {
    }

    public record TokenResponse(String token, Instant expiresAt) {
    }

    public record WhoAmI(String deviceId, String owner, DeviceStatus status) {
    }

    @Inject
    DeviceService service;

    @Inject
    DeviceContext device;

    @POST
    @Path("/enroll")
    public EnrollResponse enroll(@Valid @NotNull EnrollRequest request) {
        return new EnrollResponse(service.enroll(request.enrollmentToken(), request.publicKey(), request.profile()));
    }

    @POST
    @Path("/token")
    public TokenResponse token(@Valid @NotNull TokenRequest request) {
        DeviceTokenCodec.Minted minted = service.mintToken(request.deviceId(), request.timestamp(), request.nonce(),
                request.signature());
        return new TokenResponse(minted.token(), minted.expiresAt());
    }

    @GET
    @Path("/me")
    @DeviceAuthenticated
    public WhoAmI me() {
        DeviceView view = service.describe(device.deviceId());
        return new WhoAmI(view.deviceId(), view.owner(), view.status());
    }
}
