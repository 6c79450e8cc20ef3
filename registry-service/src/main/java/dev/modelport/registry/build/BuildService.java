package dev.modelport.registry.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelport.gguf.memory.MemoryEstimate;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.blob.BlobStore;
import dev.modelport.registry.blob.Sha256Digest;
import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
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
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Platform builds: an OEM asks the platform to quantize a published version for a device class, after the licence
 * and memory checks; and the reads of every build. Builds belong to the organisation that made them; reads follow
 * the tenancy rule. Uploaded builds: {@link UploadedBuildService}.
 */
@ApplicationScoped
public class BuildService {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    BuildRepository builds;

    @Inject
    BuildTargets targets;

    @Inject
    VersionService versions;

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

    @Transactional
    public BuildWire.BuildResponse request(Caller caller, BuildWire.BuildRequest request) {
        BuildTargets.Target t = targets.target(caller, request.version(), request.deviceClass(), request.quantType(),
                request.contextLength(), null);
        MemoryEstimate estimate = BuildChecks.project(targets.header(t.inputDigest()), t.quantType(), t.contextLength());
        BuildChecks.requireFits(estimate, t.deviceClass());
        BuildEntity b = targets.newBuild(caller, t, BuildOrigin.PLATFORM, Derivation.VERIFIED, BuildStatus.QUEUED);
        b.memoryEstimateBytes = estimate.totalBytes();
        builds.persist(b);
        builds.flush();
        b.jobId = jobs.submit(QuantizeJob.KIND, t.builder().id(), b.id.toString());
        audit.record(caller, t.builder(), "build.requested", "build", b.id.toString(), null, BuildView.of(b));
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
        VersionName name = BuildTargets.parseName(versionName);
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

    private boolean readable(Caller caller, BuildEntity b) {
        try {
            access.requireRead(caller, orgs.get(b.ownerId));
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    BuildWire.BuildResponse response(Caller caller, BuildEntity b) {
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

    BuildEntity load(UUID id) {
        return builds.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("build " + id));
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }
}
