package dev.modelport.registry.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufMetadata;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.memory.MemoryEstimate;
import dev.modelport.gguf.memory.MemoryEstimator;
import dev.modelport.gguf.quant.QuantType;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.blob.BlobService;
import dev.modelport.registry.blob.BlobStore;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.catalog.ModelService;
import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.catalog.VersionView;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.deviceclass.DeviceClassService;
import dev.modelport.registry.deviceclass.DeviceClassView;
import dev.modelport.registry.job.JobService;
import dev.modelport.registry.job.JobView;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.registry.trust.log.LogWire;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.tlog.Rfc6962;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Device builds: an OEM asks the platform to quantize a published version for a device class, or registers a build
 * it made elsewhere. Both are checked first against the licences along the lineage and the class's memory budget.
 * Builds belong to the organisation that made them; reads follow the tenancy rule.
 */
@ApplicationScoped
public class BuildService {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    BuildRepository builds;

    @Inject
    BuildChecks checks;

    @Inject
    BuildAttestation attestation;

    @Inject
    VersionService versions;

    @Inject
    ModelService models;

    @Inject
    DeviceClassService deviceClasses;

    @Inject
    BlobService blobs;

    @Inject
    BlobStore store;

    @Inject
    JobService jobs;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    TransparencyLog log;

    @Inject
    Event<BuildOutputStored> outputStored;

    @Inject
    Clock clock;

    /** What both kinds of build request have in common, resolved and checked. */
    private record Target(OrgView builder, VersionRef version, String inputDigest, DeviceClassView deviceClass,
                          QuantType quantType, int contextLength) {
    }

    @Transactional
    public BuildWire.BuildResponse request(Caller caller, BuildWire.BuildRequest request) {
        Target t = target(caller, request.version(), request.deviceClass(), request.quantType(),
                request.contextLength(), null);
        MemoryEstimate estimate = BuildChecks.project(header(t.inputDigest()), t.quantType(), t.contextLength());
        BuildChecks.requireFits(estimate, t.deviceClass());
        BuildEntity b = newBuild(caller, t, BuildOrigin.PLATFORM, Derivation.VERIFIED, BuildStatus.QUEUED);
        b.memoryEstimateBytes = estimate.totalBytes();
        builds.persist(b);
        builds.flush();
        b.jobId = jobs.submit(QuantizeJob.KIND, t.builder().id(), b.id.toString());
        audit.record(caller, t.builder(), "build.requested", "build", b.id.toString(), null, BuildView.of(b));
        return response(caller, b);
    }

    /**
     * Registers a build made elsewhere: READY at once with a platform-signed statement that records its derivation
     * as DECLARED. Reads the file once for its per-tensor digests.
     */
    @Transactional
    public BuildWire.BuildResponse upload(Caller caller, BuildWire.UploadedBuildRequest request) {
        Target t = target(caller, request.version(), request.deviceClass(), request.quantType(),
                request.contextLength(), request.inputDigest());
        blobs.requireHeld(t.builder(), request.digest());
        Path file = file(request.digest());
        GgufHeader header = header(request.digest());
        long fileType = header.metadata().findLong(GgufMetadata.FILE_TYPE).orElse(-1);
        if (fileType != t.quantType().fileType()) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, "the uploaded file declares "
                    + GgufMetadata.FILE_TYPE + " " + fileType + ", not " + t.quantType().fileType() + " ("
                    + t.quantType() + ")");
        }
        MemoryEstimate estimate = estimate(header, t.contextLength());
        BuildChecks.requireFits(estimate, t.deviceClass());
        GgufManifest manifest = manifest(file);
        BuildEntity b = newBuild(caller, t, BuildOrigin.UPLOADED, Derivation.DECLARED, BuildStatus.READY);
        b.outputDigest = request.digest();
        b.outputSize = manifest.fileSize();
        b.tensorDigests = TensorDigests.of(manifest);
        b.memoryEstimateBytes = estimate.totalBytes();
        BuildAttestation.Signed signed = attestation.declared(new BuildAttestation.Facts(t.version().fullName(),
                t.deviceClass().slug(), t.inputDigest(), new BuildRecipe(t.quantType()), b.outputDigest,
                TensorDigests.hexByName(b.tensorDigests), "upload:" + b.id, null, null), t.builder().slug());
        b.provenanceEnvelope = signed.envelopeJson();
        b.provenanceLogIndex = signed.logIndex();
        builds.persist(b);
        builds.flush();
        audit.record(caller, t.builder(), "build.uploaded", "build", b.id.toString(), null, BuildView.of(b));
        outputStored.fire(new BuildOutputStored(b.id, b.ownerId, b.versionId, b.outputDigest));
        return response(caller, b);
    }

    /** Queues the job that re-runs an uploaded build's recipe on its declared input. */
    @Transactional
    public BuildWire.BuildResponse verify(Caller caller, UUID id) {
        BuildEntity b = load(id);
        OrgView owner = orgs.get(b.ownerId);
        access.requireWrite(caller, owner);
        if (b.origin != BuildOrigin.UPLOADED) {
            throw new DomainException(ErrorCode.BUILD_NOT_UPLOADED, "build " + id
                    + " was made by the platform; its derivation is verified by construction");
        }
        b.verificationJobId = jobs.submit(VerifyJob.KIND, owner.id(), b.id.toString());
        b.updatedAt = clock.instant();
        audit.record(caller, owner, "build.verification-requested", "build", id.toString(), null, BuildView.of(b));
        return response(caller, b);
    }

    @Transactional
    public BuildWire.BuildResponse get(Caller caller, UUID id) {
        BuildEntity b = load(id);
        access.requireRead(caller, orgs.get(b.ownerId));
        return response(caller, b);
    }

    /** Builds of a version that the caller may read: its own organisation's, or all within a regulator's reach. */
    @Transactional
    public Page<BuildWire.BuildResponse> ofVersion(Caller caller, String versionName, String cursor, int limit) {
        VersionName name = parseName(versionName);
        VersionRef version = versions.readableRef(caller, name.owner(), name.model(), name.version());
        // A page may come out shorter than the limit where another organisation's builds were left out.
        List<BuildEntity> rows = builds.page("versionId", version.id(), Cursor.decode(cursor), limit + 1);
        Page<BuildEntity> page = Page.of(rows, limit, b -> b.createdAt + "/" + b.id);
        return new Page<>(page.items().stream().filter(b -> readable(caller, b)).map(b -> response(caller, b))
                .toList(), page.nextCursor());
    }

    @Transactional
    public Page<BuildWire.BuildResponse> ofOwner(Caller caller, OrgView owner, String cursor, int limit) {
        access.requireRead(caller, owner);
        List<BuildEntity> rows = builds.page("ownerId", owner.id(), Cursor.decode(cursor), limit + 1);
        return Page.of(rows, limit, b -> b.createdAt + "/" + b.id).map(b -> response(caller, b));
    }

    @Transactional
    public BuildWire.ProvenanceResponse provenance(Caller caller, UUID id) {
        BuildEntity b = load(id);
        access.requireRead(caller, orgs.get(b.ownerId));
        if (b.provenanceEnvelope == null) {
            throw new DomainException(ErrorCode.BUILD_NOT_READY, "build " + id + " is " + b.status
                    + "; its provenance statement is signed when it is READY");
        }
        byte[] envelope = b.provenanceEnvelope.getBytes(StandardCharsets.UTF_8);
        String leafHash = HexFormat.of().formatHex(Rfc6962.leafHash(envelope));
        JsonNode bundle = json(LogWire.BundleResponse.of(log.bundle(leafHash)));
        return new BuildWire.ProvenanceResponse(b.id, CanonicalJson.parse(envelope), b.provenanceLogIndex, bundle);
    }

    /** The output GGUF, for its owner. */
    public record Download(InputStream stream, long size, String fileName, String digest) {
    }

    public Download download(Caller caller, UUID id) {
        BuildEntity b = QuarkusTransaction.requiringNew().call(() -> {
            BuildEntity found = load(id);
            if (!caller.belongsTo(orgs.get(found.ownerId))) {
                throw DomainException.forbidden("only the build's owner downloads its GGUF");
            }
            return found;
        });
        if (b.outputDigest == null) {
            throw new DomainException(ErrorCode.BUILD_NOT_READY, "build " + id + " is " + b.status);
        }
        try {
            Sha256Digest digest = Sha256Digest.parse(b.outputDigest);
            return new Download(store.open(digest, 0), store.size(digest), "build-" + id + "-" + b.quantType
                    + ".gguf", b.outputDigest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Target target(Caller caller, String versionName, String deviceClass, String quantType,
                          Integer contextLength, String declaredInput) {
        OrgView builder = caller.org().orElseThrow(() -> DomainException.forbidden("builds belong to an organisation"));
        VersionName name = parseName(versionName);
        VersionRef version = versions.readableRef(caller, name.owner(), name.model(), name.version());
        if (!version.status().isReleased()) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, version.fullName() + " is "
                    + version.status() + "; only published versions are built");
        }
        VersionView view = versions.get(caller, name.owner(), name.model(), name.version());
        List<String> inputs = view.artifacts().stream().filter(a -> "GGUF".equals(a.format()))
                .map(VersionView.ArtifactView::digest).toList();
        String input = declaredInput != null ? declaredInput : inputs.stream().findFirst().orElse(null);
        if (input == null || !inputs.contains(input)) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, declaredInput == null
                    ? version.fullName() + " has no GGUF weight artifact"
                    : "the declared input " + declaredInput + " is not a weight artifact of " + version.fullName());
        }
        DeviceClassView dc = deviceClasses.get(deviceClass);
        checks.requireLicences(builder, version);
        int context = contextLength != null ? contextLength
                : models.get(caller, name.owner(), name.model()).contextLength();
        return new Target(builder, version, input, dc, QuantType.parse(quantType), context);
    }

    private BuildEntity newBuild(Caller caller, Target t, BuildOrigin origin, Derivation derivation,
                                 BuildStatus status) {
        BuildEntity b = new BuildEntity();
        b.id = UUID.randomUUID();
        b.ownerId = t.builder().id();
        b.versionId = t.version().id();
        b.deviceClassId = deviceClasses.idOf(t.deviceClass().slug());
        b.deviceClassSlug = t.deviceClass().slug();
        b.quantType = t.quantType().name();
        b.origin = origin;
        b.derivation = derivation;
        b.status = status;
        b.inputDigest = t.inputDigest();
        b.contextLength = t.contextLength();
        b.recipe = new BuildRecipe(t.quantType()).canonical();
        b.createdBy = caller.username();
        b.createdAt = clock.instant();
        b.updatedAt = b.createdAt;
        return b;
    }

    private boolean readable(Caller caller, BuildEntity b) {
        try {
            access.requireRead(caller, orgs.get(b.ownerId));
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    private BuildWire.BuildResponse response(Caller caller, BuildEntity b) {
        BuildWire.JobProgress job = job(caller, b.jobId);
        BuildStatus status = b.status;
        String failureCode = b.failureCode;
        String failureDetail = b.failureDetail;
        // A job the engine gave up on (its instance died on every attempt) never reached the handler's failure path.
        if (job != null && "FAILED".equals(job.state()) && status != BuildStatus.READY && status != BuildStatus.FAILED) {
            status = BuildStatus.FAILED;
            failureCode = job.errorCode();
            failureDetail = job.errorDetail();
        }
        return new BuildWire.BuildResponse(b.id, orgs.get(b.ownerId).slug(), versions.ref(b.versionId).fullName(),
                b.deviceClassSlug, b.quantType, b.origin, b.derivation, status, b.inputDigest, b.outputDigest,
                b.outputSize, b.contextLength, b.memoryEstimateBytes, b.quantizerVersion,
                CanonicalJson.parse(b.recipe), b.tensorDigests == null ? null : CanonicalJson.parse(b.tensorDigests),
                b.provenanceLogIndex, job, job(caller, b.verificationJobId), b.verifiedAt,
                b.mismatchDetail, failureCode, failureDetail, b.createdAt, b.updatedAt);
    }

    private BuildWire.JobProgress job(Caller caller, UUID id) {
        if (id == null) {
            return null;
        }
        JobView j = jobs.get(caller, id);
        return new BuildWire.JobProgress(j.id(), j.state().name(), j.progressPercent(), j.bytesDone(),
                j.bytesTotal(), j.bytesPerSecond(), j.errorCode(), j.errorDetail());
    }

    private BuildEntity load(UUID id) {
        return builds.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("build " + id));
    }

    private Path file(String digest) {
        try {
            return store.file(Sha256Digest.parse(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GgufHeader header(String digest) {
        try {
            return GgufReader.readHeader(file(digest));
        } catch (GgufFormatException e) {
            throw new DomainException(ErrorCode.BUILD_INPUT_UNSUITABLE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static VersionName parseName(String text) {
        try {
            return VersionName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "version: " + e.getMessage());
        }
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }
}
