package dev.modelport.registry.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Who sent a device request, from its {@code Authorization: Bearer <device token>} header alone: one HMAC and one
 * look-up in the in-memory revocation set, no database read and no Keycloak. Used by {@link DeviceAuthFilter} for
 * the JAX-RS device endpoints and directly by the check-in route, which runs outside JAX-RS.
 */
@ApplicationScoped
public class DeviceAuthenticator {

    @Inject
    DeviceTokenCodec tokens;

    @Inject
    RevokedDevices revoked;

    @Inject
    Clock clock;

    /** The device and owner the header's token speaks for; throws DEVICE_UNAUTHENTICATED otherwise. */
    public DeviceTokenCodec.Subject authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw DeviceTokenCodec.unauthenticated("send the device token as 'Authorization: Bearer <token>'");
        }
        DeviceTokenCodec.Subject subject = tokens.verify(authorization.substring(7).trim(), clock.instant());
        if (revoked.contains(subject.deviceId())) {
            throw DeviceTokenCodec.unauthenticated("device " + subject.deviceId() + " is revoked");
        }
        return subject;
    }
}
