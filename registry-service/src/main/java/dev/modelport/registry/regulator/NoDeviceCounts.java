package dev.modelport.registry.regulator;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import java.util.UUID;

/** Used until the distribution feature provides a {@link DeviceCounts} bean: counts are unknown. */
@DefaultBean
@ApplicationScoped
public class NoDeviceCounts implements DeviceCounts {

    @Override
    public OptionalLong devices(UUID versionId, String jurisdiction) {
        return OptionalLong.empty();
    }
}
