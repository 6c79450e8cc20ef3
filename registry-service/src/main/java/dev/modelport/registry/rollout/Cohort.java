package dev.modelport.registry.rollout;

import dev.modelport.registry.distribution.Jurisdictions;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/**
 * Which devices a rollout is for. Empty lists mean "any"; {@code regions} defaults to the release's regions and may
 * only narrow them; EU covers its member states' regions. {@code osMin}/{@code osMax} bound the profile's osVersion (dotted numbers, inclusive).
 */
public record Cohort(@Size(max = 100) List<@NotNull @Size(max = 64) String> deviceClasses,
                     @Size(max = 500) List<@NotNull @Size(max = 128) String> deviceModels,
                     @Size(max = 250) List<@NotNull @Pattern(regexp = "^[A-Z]{2}$") String> regions,
                     @Size(max = 64) String osMin,
                     @Size(max = 64) String osMax) {

    public Cohort {
        deviceClasses = deviceClasses == null ? List.of() : List.copyOf(deviceClasses);
        deviceModels = deviceModels == null ? List.of() : List.copyOf(deviceModels);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    Cohort withRegions(List<String> effective) {
        return new Cohort(deviceClasses, deviceModels, effective, osMin, osMax);
    }

    /** Whether a device with this profile is in the cohort. */
    public boolean includes(String deviceClass, String deviceModel, String region, String osVersion) {
        return (deviceClasses.isEmpty() || deviceClasses.contains(deviceClass))
                && (deviceModels.isEmpty() || deviceModels.contains(deviceModel))
                && (regions.isEmpty() || Jurisdictions.covered(Set.copyOf(regions), region))
                && (osMin == null || OsVersions.compare(osVersion, osMin) >= 0)
                && (osMax == null || OsVersions.compare(osVersion, osMax) <= 0);
    }
}
