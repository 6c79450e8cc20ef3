package dev.modelport.registry.device;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Authenticates {@link DeviceAuthenticated} requests by their device token: one HMAC, no database read. */
@Provider
@DeviceAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class DeviceAuthFilter implements ContainerRequestFilter {

    @Inject
    DeviceAuthenticator authenticator;

    @Inject
    DeviceContext context;

    @Override
    public void filter(ContainerRequestContext request) {
        DeviceTokenCodec.Subject subject =
                authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        context.authenticate(subject.deviceId(), subject.ownerId());
    }
}
