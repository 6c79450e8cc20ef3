package dev.modelport.registry.regulator;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * How many devices in a jurisdiction run a model version: the device-count column of the jurisdiction view.
 * Implemented by the report feature from the devices' latest reports and enrolled regions.
 */
public interface DeviceCounts {

    /** Devices in {@code jurisdiction} with a build of {@code versionId} installed, or empty when unknown. */
    OptionalLong devices(UUID versionId, String jurisdiction);
}
