package dev.modelport.registry.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** What a phone says about itself. Lenient on the wire: newer phones may send more. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceProfile(
        @Size(max = 64) String deviceClass,
        @Size(max = 128) String deviceModel,
        @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code") String region,
        @Size(max = 64) String osVersion,
        @Size(max = 64) String runtimeVersion,
        @PositiveOrZero Long freeStorageBytes) {
}
