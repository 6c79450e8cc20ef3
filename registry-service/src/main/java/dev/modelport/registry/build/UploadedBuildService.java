package dev.modelport.registry.build;

import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufMetadata;
import dev.modelport.gguf.memory.MemoryEstimate;
import dev.modelport.gguf.memory.MemoryEstimator;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.blob.BlobService;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.job.JobService;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * Builds an OEM made elsewhere: registered with a DECLARED derivation under a platform-signed statement saying so,
 * after the same licence and memory checks as a platform build; verified later by re-running the recipe.
 */
@ApplicationScoped
public class UploadedBuildService {

    @Inject
    BuildTargets targets;

    @Inject
    BuildService builds;

    @Inject
    BuildRepository repository;

    @Inject
    BuildAttestation attestation;

    @Inject
    BlobService blobs;

    @Inject
    JobService jobs;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    Event<BuildOutputStored> outputStored;

    @Inject
    Clock clock;

    /**
     * Registers a build made elsewhere: READY at once with a platform-signed statement that records its derivation
     * as DECLARED. Reads the file once for its per-tensor digests.
     */
    @Transactional
    public BuildWire.BuildResponse upload(Caller caller, BuildWire.UploadedBuildRequest request) {
        BuildTargets.Target t = targets.target(caller, request.version(), request.deviceClass(), request.quantType(),
                request.contextLength(), request.inputDigest());
        blobs.requireHeld(t.builder(), request.digest());
        Path file = targets.file(request.digest());
        GgufHeader header = targets.header(request.digest());
        long fileType = header.metadata().findLong(GgufMetadata.FILE_TYPE).orElse(-1);
        if (fileType != t.quantType().fileType()) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, "the uploaded file declares "
                    + GgufMetadata.FILE_TYPE + " " + fileType + ", not " + t.quantType().fileType() + " ("
                    + t.quantType() + ")");
        }
        MemoryEstimate estimate = estimate(header, t.contextLength());
        BuildChecks.requireFits(estimate, t.deviceClass());
        GgufManifest manifest = manifest(file);
        BuildEntity b = targets.newBuild(caller, t, BuildOrigin.UPLOADED, Derivation.DECLARED, BuildStatus.READY);
        b.outputDigest = request.digest();
        b.outputSize = manifest.fileSize();
        b.tensorDigests = TensorDigests.of(manifest);
        b.memoryEstimateBytes = estimate.totalBytes();
        BuildAttestation.Signed signed = attestation.declared(new BuildAttestation.Facts(t.version().fullName(),
                t.deviceClass().slug(), t.inputDigest(), new BuildRecipe(t.quantType()), b.outputDigest,
                TensorDigests.hexByName(b.tensorDigests), "upload:" + b.id, null, null), t.builder().slug());
        b.provenanceEnvelope = signed.envelopeJson();
        b.provenanceLogIndex = signed.logIndex();
        repository.persist(b);
        repository.flush();
        audit.record(caller, t.builder(), "build.uploaded", "build", b.id.toString(), null, BuildView.of(b));
        outputStored.fire(new BuildOutputStored(b.id, b.ownerId, b.versionId, b.outputDigest));
        return builds.response(caller, b);
    }

    /** Queues the job that re-runs an uploaded build's recipe on its declared input. */
    @Transactional
    public BuildWire.BuildResponse verify(Caller caller, UUID id) {
        BuildEntity b = builds.load(id);
        OrgView owner = orgs.get(b.ownerId);
        access.requireWrite(caller, owner);
        if (b.origin != BuildOrigin.UPLOADED) {
            throw new DomainException(ErrorCode.BUILD_NOT_UPLOADED, "build " + id
                    + " was made by the platform; its derivation is verified by construction");
        }
        b.verificationJobId = jobs.submit(VerifyJob.KIND, owner.id(), b.id.toString());
        b.updatedAt = clock.instant();
        audit.record(caller, owner, "build.verification-requested", "build", id.toString(), null, BuildView.of(b));
        return builds.response(caller, b);
    }

    private static MemoryEstimate estimate(GgufHeader header, long contextLength) {
        try {
            return MemoryEstimator.estimate(header, contextLength);
        } catch (GgufFormatException e) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, "cannot estimate memory: " + e.getMessage());
        }
    }

    private static GgufManifest manifest(Path file) {
        try {
            return GgufManifest.of(file);
        } catch (GgufFormatException e) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
