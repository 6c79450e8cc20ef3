package dev.modelport.registry.trust;

import java.util.UUID;

/**
 * CDI event fired inside the transaction that changed a key, after the new root (if any) is written, so
 * repositories can re-sign what the change affects. {@code ownerId} is set for OEM keys only.
 */
public record KeyChanged(KeyRole role, UUID ownerId, String previousKeyId, String newKeyId) {
}
