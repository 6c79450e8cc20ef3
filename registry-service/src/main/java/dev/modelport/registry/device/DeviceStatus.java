package dev.modelport.registry.device;

public enum DeviceStatus {
    ACTIVE, REVOKED
}
