package dev.modelport.registry.device;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * The device that made the current request, taken from its verified token and nothing else: device endpoints never
 * take a device id from the path or body, so a device can only ever act as itself.
 */
@RequestScoped
public class DeviceContext {

    private String deviceId;
    private UUID ownerId;

    void authenticate(String deviceId, UUID ownerId) {
        this.deviceId = deviceId;
        this.ownerId = ownerId;
    }

    /** The organisation the device is enrolled to, as its token says. */
    public UUID ownerId() {
        deviceId();
        return ownerId;
    }

    public String deviceId() {
        if (deviceId == null) {
            throw new IllegalStateException("device request without @DeviceAuthenticated");
        }
        return deviceId;
    }
}
