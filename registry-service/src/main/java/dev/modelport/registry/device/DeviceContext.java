package dev.modelport.registry.device;

import jakarta.enterprise.context.RequestScoped;

/**
 * The device that made the current request, taken from its verified token and nothing else: device endpoints never
 * take a device id from the path or body, so a device can only ever act as itself.
 */
@RequestScoped
public class DeviceContext {

    private String deviceId;

    void authenticate(String deviceId) {
        this.deviceId = deviceId;
    }

    public String deviceId() {
        if (deviceId == null) {
            throw new IllegalStateException("device request without @DeviceAuthenticated");
        }
        return deviceId;
    }
}
