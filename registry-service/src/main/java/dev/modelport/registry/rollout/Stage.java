package dev.modelport.registry.rollout;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * One stage: the share of the cohort that gets the release, and the rule for leaving it. The stage passes when at
 * least {@code minHealthy} devices of this and earlier stages report HEALTHY and the failure rate (FAILED among
 * HEALTHY + FAILED) is at most {@code maxFailureRate}; it is broken, and the rollout halts, when the failure rate
 * exceeds it after at least {@code minSamples} outcomes (default: {@code minHealthy}, at least 1).
 */
public record Stage(@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double percent,
                    @Min(0) @Max(10_000_000) int minHealthy,
                    @NotNull @DecimalMin("0") @DecimalMax("1") Double maxFailureRate,
                    @Min(1) @Max(10_000_000) Integer minSamples) {

    public int samplesBeforeHalting() {
        return minSamples != null ? minSamples : Math.max(1, minHealthy);
    }
}
