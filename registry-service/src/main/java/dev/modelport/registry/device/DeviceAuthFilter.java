package dev.modelport.registry.device;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;

/** Authenticates {@link DeviceAuthenticated} requests by their device token: one HMAC, no database read. */
@Provider
@DeviceAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class DeviceAuthFilter implements ContainerRequestFilter {

    @Inject
    DeviceTokenCodec tokens;

    @Inject
    RevokedDevices revoked;

    @Inject
    DeviceContext context;

    @Inject
    Clock clock;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw DeviceTokenCodec.unauthenticated("send the device token as 'Authorization: Bearer <token>'");
        }
        DeviceTokenCodec.Subject subject = tokens.verify(header.substring(7).trim(), clock.instant());
        if (revoked.contains(subject.deviceId())) {
            throw DeviceTokenCodec.unauthenticated("device " + subject.deviceId() + " is revoked");
        }
        context.authenticate(subject.deviceId(), subject.ownerId());
    }
}
