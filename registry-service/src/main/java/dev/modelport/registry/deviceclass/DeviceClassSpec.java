package dev.modelport.registry.deviceclass;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What defines a device class. Runtime versions are llama.cpp build numbers such as {@code b4980}; a phone's runtime
 * must be at least {@code runtimeMinVersion} and, if set, at most {@code runtimeMaxVersion}.
 */
public record DeviceClassSpec(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String socFamily,
        @NotBlank @Pattern(regexp = "^(arm64-v8a|armeabi-v7a|x86_64|x86|riscv64)$",
                message = "must be an Android ABI: arm64-v8a, armeabi-v7a, x86_64, x86 or riscv64") String abi,
        @NotNull @Positive Long ramBytes,
        @NotNull Accelerator accelerator,
        @NotBlank @Size(max = 64) String runtimeName,
        @NotBlank @Pattern(regexp = RuntimeVersion.PATTERN, message = "must look like b4980") String runtimeMinVersion,
        @Pattern(regexp = RuntimeVersion.PATTERN, message = "must look like b4980") String runtimeMaxVersion,
        @NotNull @Positive Long memoryBudgetBytes) {
}
