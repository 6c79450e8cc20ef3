package dev.modelport.registry.build;

import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.memory.MemoryEstimate;
import dev.modelport.gguf.memory.MemoryEstimator;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.gguf.quant.Quantizer;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.deviceclass.DeviceClassView;
import dev.modelport.registry.licensing.EntitlementService;
import dev.modelport.registry.licensing.Right;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.provenance.LineageService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** What must hold before a build is made or accepted: the licences along the lineage, and the memory budget. */
@ApplicationScoped
class BuildChecks {

    @Inject
    LineageService lineage;

    @Inject
    VersionService versions;

    @Inject
    EntitlementService entitlements;

    /**
     * The builder needs a licence allowing quantization and device distribution for every version of another
     * organisation that the lineage enters. Walking up from {@code version}, the walk stops at such a version: its
     * licence governs everything above it, as in the provenance computation. An own model needs no licence.
     */
    void requireLicences(OrgView builder, VersionRef version) {
        Deque<VersionRef> frontier = new ArrayDeque<>();
        Set<UUID> seen = new HashSet<>();
        frontier.add(version);
        while (!frontier.isEmpty()) {
            VersionRef v = frontier.pop();
            if (!seen.add(v.id())) {
                continue;
            }
            if (!v.model().owner().id().equals(builder.id())) {
                String purpose = "building " + version.fullName() + " for devices";
                entitlements.requireCoverage(builder, v, Right.QUANTIZATION, purpose);
                entitlements.requireCoverage(builder, v, Right.DEVICE_DISTRIBUTION, purpose);
                continue;
            }
            lineage.parents(v.id()).forEach(p -> frontier.add(versions.ref(p)));
        }
    }

    /** Weights after quantizing {@code input} to {@code type}, plus the f16 KV cache at {@code contextLength}. */
    static MemoryEstimate project(GgufHeader input, QuantType type, long contextLength) {
        try {
            long weights = 0;
            for (GgufTensorInfo t : input.tensors()) {
                weights += Quantizer.targetType(t, type).byteSize(t.shape());
            }
            long kv = MemoryEstimator.estimate(input, contextLength).kvCacheBytes();
            return new MemoryEstimate(weights, kv, contextLength);
        } catch (GgufFormatException e) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE,
                    "cannot estimate the memory of this model from its GGUF header: " + e.getMessage());
        }
    }

    static void requireFits(MemoryEstimate estimate, DeviceClassView deviceClass) {
        if (!deviceClass.fits(estimate.totalBytes())) {
            throw new DomainException(ErrorCode.BUILD_EXCEEDS_MEMORY_BUDGET, "the build needs an estimated "
                    + estimate.totalBytes() + " bytes (weights " + estimate.weightBytes() + " + KV cache "
                    + estimate.kvCacheBytes() + " at context length " + estimate.contextLength()
                    + "), more than the memory budget of device class '" + deviceClass.slug() + "', "
                    + deviceClass.spec().memoryBudgetBytes() + " bytes");
        }
    }
}
