package dev.modelport.registry.build;

import dev.modelport.gguf.memory.MemoryEstimate;
import dev.modelport.gguf.quant.QuantizeResult;
import dev.modelport.registry.catalog.VersionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The state changes of build jobs, each in its own short transaction: jobs stream gigabytes between them and must
 * never hold a transaction open while they do.
 */
@ApplicationScoped
class BuildRecorder {

    @Inject
    BuildRepository builds;

    @Inject
    VersionService versions;

    @Inject
    BuildAttestation attestation;

    @Inject
    Event<BuildOutputStored> outputStored;

    @Inject
    Clock clock;

    /** What a job needs to know of its build. */
    record Work(UUID id, UUID ownerId, UUID versionId, String version, String deviceClass, String inputDigest,
                BuildRecipe recipe, long contextLength, String outputDigest, String tensorDigests) {
    }

    /** Marks a platform build RUNNING; empty when it is READY already (a re-run after a crash that came late). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Work> startQuantize(UUID id) {
        BuildEntity b = builds.findById(id);
        if (b == null || b.status == BuildStatus.READY) {
            return Optional.empty();
        }
        b.status = BuildStatus.RUNNING;
        b.updatedAt = clock.instant();
        return Optional.of(work(b));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Work load(UUID id) {
        return work(builds.findById(id));
    }

    /** Records the output, signs and logs the provenance statement, and makes the build READY, atomically. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void completeQuantize(UUID id, QuantizeResult result, MemoryEstimate estimate, Instant started) {
        BuildEntity b = builds.findById(id);
        Work w = work(b);
        b.outputDigest = "sha256:" + result.sha256();
        b.outputSize = result.size();
        b.tensorDigests = TensorDigests.of(result.header(), result.tensorSha256());
        b.memoryEstimateBytes = estimate.totalBytes();
        b.quantizerVersion = BuildRecipe.QUANTIZER_VERSION;
        BuildAttestation.Signed signed = attestation.platform(new BuildAttestation.Facts(w.version(),
                w.deviceClass(), w.inputDigest(), w.recipe(), b.outputDigest, result.tensorSha256(),
                "build:" + id, started, clock.instant()));
        b.provenanceEnvelope = signed.envelopeJson();
        b.provenanceLogIndex = signed.logIndex();
        b.status = BuildStatus.READY;
        b.failureCode = null;
        b.failureDetail = null;
        b.updatedAt = clock.instant();
        builds.flush();
        outputStored.fire(new BuildOutputStored(id, b.ownerId, b.versionId, b.outputDigest));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void fail(UUID id, String code, String detail) {
        BuildEntity b = builds.findById(id);
        if (b == null || b.status == BuildStatus.READY) {
            return;
        }
        b.status = BuildStatus.FAILED;
        b.failureCode = code;
        b.failureDetail = detail == null ? null : detail.substring(0, Math.min(2000, detail.length()));
        b.updatedAt = clock.instant();
    }

    /**
     * The outcome of re-running an uploaded build's recipe. Reproduced bytes make the derivation VERIFIED, and the
     * platform signs a build statement of its own for them; anything else is a MISMATCH with the difference named.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void verified(UUID id, boolean reproduced, String mismatch, QuantizeResult rerun, Instant started) {
        BuildEntity b = builds.findById(id);
        b.verifiedAt = clock.instant();
        b.updatedAt = b.verifiedAt;
        if (!reproduced) {
            b.derivation = Derivation.MISMATCH;
            b.mismatchDetail = mismatch;
            return;
        }
        Work w = work(b);
        b.derivation = Derivation.VERIFIED;
        b.mismatchDetail = null;
        b.quantizerVersion = BuildRecipe.QUANTIZER_VERSION;
        BuildAttestation.Signed signed = attestation.platform(new BuildAttestation.Facts(w.version(),
                w.deviceClass(), w.inputDigest(), w.recipe(), b.outputDigest, rerun.tensorSha256(),
                "verification:" + id, started, clock.instant()));
        b.provenanceEnvelope = signed.envelopeJson();
        b.provenanceLogIndex = signed.logIndex();
    }

    private Work work(BuildEntity b) {
        String version = versions.ref(b.versionId).fullName();
        return new Work(b.id, b.ownerId, b.versionId, version, b.deviceClassSlug, b.inputDigest,
                BuildRecipe.parse(b.recipe), b.contextLength, b.outputDigest, b.tensorDigests);
    }
}
