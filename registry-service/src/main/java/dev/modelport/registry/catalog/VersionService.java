package dev.modelport.registry.catalog;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.blob.BlobService;
import dev.modelport.registry.blob.BlobView;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.distribution.DistributionEpoch;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Versions of model lines. A draft is edited by its owner; publishing runs every {@link PublicationGuard} and makes
 * the version immutable. Drafts are private to the owner (and those who may read its private data) even when the
 * model is public.
 */
@ApplicationScoped
public class VersionService {

    static final int MAX_ARTIFACTS = 64;

    /** A suspended or revoked version must leave phones: status changes move the check-in snapshots at once. */
    @Inject
    DistributionEpoch epoch;

    @Inject
    VersionRepository versions;

    @Inject
    ModelRepository models;

    @Inject
    ModelService modelService;

    @Inject
    AccessPolicy access;

    @Inject
    BlobService blobs;

    @Inject
    AuditLog audit;

    @Inject
    Instance<PublicationGuard> guards;

    @Transactional
    public VersionView create(Caller caller, String owner, String model, String label, VersionDraft draft) {
        ModelRef ref = modelService.writable(caller, owner, model);
        SemVer semVer = parse(label);
        if (versions.find(ref.id(), semVer.toString()).isPresent()) {
            throw new DomainException(ErrorCode.DUPLICATE_SLUG, "version " + ref.fullName() + "@" + semVer
                    + " exists already");
        }
        VersionEntity version = new VersionEntity();
        version.id = UUID.randomUUID();
        version.modelId = ref.id();
        version.label = semVer.toString();
        version.major = semVer.major();
        version.minor = semVer.minor();
        version.patch = semVer.patch();
        version.status = VersionStatus.DRAFT;
        version.createdBy = caller.subject();
        version.createdAt = Instant.now();
        apply(version, ref, draft);
        versions.persistAndFlush(version);
        VersionView view = view(version, ref);
        audit.record(caller, ref.owner(), "version.created", "version", view.fullName(), null, view);
        return view;
    }

    @Transactional
    public VersionView update(Caller caller, String owner, String model, String label, VersionDraft draft) {
        ModelRef ref = modelService.writable(caller, owner, model);
        VersionEntity version = load(ref, label);
        requireDraft(version, ref);
        VersionView before = view(version, ref);
        apply(version, ref, draft);
        VersionView after = view(version, ref);
        audit.record(caller, ref.owner(), "version.updated", "version", after.fullName(), before, after);
        return after;
    }

    @Transactional
    public VersionView get(Caller caller, String owner, String model, String label) {
        ModelRef ref = modelService.readable(caller, owner, model);
        VersionEntity version = load(ref, label);
        requireReadable(caller, ref, version.status);
        return view(version, ref);
    }

    @Transactional
    public Page<VersionView> list(Caller caller, String owner, String model, String cursor, int limit) {
        ModelRef ref = modelService.readable(caller, owner, model);
        boolean drafts = seesDrafts(caller, ref);
        List<VersionEntity> rows = versions.page(ref.id(), Cursor.afterId(cursor), drafts, limit + 1);
        return Page.of(rows, limit, v -> v.id.toString()).map(v -> view(v, ref));
    }

    @Transactional
    public VersionView publish(Caller caller, String owner, String model, String label) {
        ModelRef ref = modelService.writable(caller, owner, model);
        VersionEntity version = load(ref, label);
        requireDraft(version, ref);
        if (version.artifacts.isEmpty()) {
            throw new DomainException(ErrorCode.ARTIFACT_REQUIRED, ref.fullName() + "@" + version.label
                    + " has no weight artifact; upload a GGUF file and attach it first");
        }
        VersionView before = view(version, ref);
        VersionRef versionRef = new VersionRef(version.id, ref, version.semVer(), version.status);
        for (PublicationGuard guard : guards) {
            guard.beforePublish(caller, versionRef);
        }
        version.status = VersionStatus.PUBLISHED;
        version.publishedAt = Instant.now();
        version.updatedAt = version.publishedAt;
        VersionView after = view(version, ref);
        audit.record(caller, ref.owner(), "version.published", "version", after.fullName(), before, after);
        return after;
    }

    /**
     * Lifecycle changes after publication. The owner deprecates or revokes; an admin revokes, and suspends a version
     * everywhere and lifts that suspension. Regulators do not: a regulator writes only within its jurisdictions, so it
     * suspends a version there with a compliance hold (compliance feature), never globally here. REVOKED is final.
     */
    @Transactional
    public VersionView transition(Caller caller, String owner, String model, String label, VersionStatus target) {
        ModelRef ref = modelService.ref(owner, model);
        VersionEntity version = load(ref, label);
        requireReadable(caller, ref, version.status);
        VersionStatus from = version.status;
        if (!allowed(caller, ref, from, target)) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, "you may not move " + ref.fullName() + "@"
                    + version.label + " from " + from + " to " + target);
        }
        VersionView before = view(version, ref);
        version.status = target;
        version.updatedAt = Instant.now();
        VersionView after = view(version, ref);
        audit.record(caller, ref.owner(), "version.status-changed", "version", after.fullName(), before, after);
        epoch.bump("version " + after.fullName() + " " + target);
        return after;
    }

    private boolean allowed(Caller caller, ModelRef ref, VersionStatus from, VersionStatus to) {
        if (from == VersionStatus.DRAFT || from == VersionStatus.REVOKED || from == to) {
            return false;
        }
        boolean owner = caller.belongsTo(ref.owner());
        boolean admin = caller.isAdmin();
        return switch (to) {
            case DEPRECATED -> owner && from == VersionStatus.PUBLISHED;
            case REVOKED -> owner || admin;
            case SUSPENDED -> admin && from.isReleased();
            case PUBLISHED -> (admin && from == VersionStatus.SUSPENDED)
                    || (owner && from == VersionStatus.DEPRECATED);
            case DRAFT -> false;
        };
    }

    /** The version {@code owner/model@label} if the caller may read it. */
    @Transactional
    public VersionRef readableRef(Caller caller, String owner, String model, String label) {
        ModelRef ref = modelService.readable(caller, owner, model);
        VersionEntity version = load(ref, label);
        requireReadable(caller, ref, version.status);
        return new VersionRef(version.id, ref, version.semVer(), version.status);
    }

    /** Any version by id, for features that walk relations; the caller applies its own access rule. */
    @Transactional
    public VersionRef ref(UUID id) {
        VersionEntity version = versions.findByIdOptional(id)
                .orElseThrow(() -> DomainException.notFound("version " + id));
        return new VersionRef(version.id, modelService.ref(version.modelId), version.semVer(), version.status);
    }

    /** Whether the caller may read this version: its model must be readable, and drafts are private. */
    public boolean canRead(Caller caller, VersionRef version) {
        try {
            modelService.requireReadable(caller, version.model());
            requireReadable(caller, version.model(), version.status());
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    private void requireReadable(Caller caller, ModelRef ref, VersionStatus status) {
        if (status == VersionStatus.DRAFT && !seesDrafts(caller, ref)) {
            throw DomainException.forbidden("drafts are private to organisation '" + ref.owner().slug() + "'");
        }
    }

    private boolean seesDrafts(Caller caller, ModelRef ref) {
        try {
            access.requireRead(caller, ref.owner());
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    private void apply(VersionEntity version, ModelRef model, VersionDraft draft) {
        if (draft.artifacts().size() > MAX_ARTIFACTS) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "at most " + MAX_ARTIFACTS + " artifacts");
        }
        ModelEntity modelRow = models.findById(model.id());
        List<VersionEntity.Artifact> artifacts = new ArrayList<>();
        Set<String> digests = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (VersionDraft.Artifact artifact : draft.artifacts()) {
            if (!digests.add(artifact.digest()) || !names.add(artifact.fileName())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED,
                        "artifact " + artifact.fileName() + " (" + artifact.digest() + ") is listed twice");
            }
            BlobView blob = blobs.requireHeld(model.owner(), artifact.digest());
            if (!blob.architecture().equalsIgnoreCase(modelRow.architecture)) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "artifact " + artifact.fileName()
                        + " is a '" + blob.architecture() + "' GGUF file, but model " + model.fullName()
                        + " has architecture '" + modelRow.architecture + "'");
            }
            artifacts.add(new VersionEntity.Artifact(artifact.digest(), artifact.fileName()));
        }
        version.modelCard = draft.modelCard() == null ? "" : draft.modelCard();
        version.trainingData = draft.trainingData() == null ? "" : draft.trainingData();
        version.artifacts.clear();
        version.artifacts.addAll(artifacts);
        version.updatedAt = Instant.now();
    }

    private void requireDraft(VersionEntity version, ModelRef ref) {
        if (version.status != VersionStatus.DRAFT) {
            throw new DomainException(ErrorCode.VERSION_IMMUTABLE, ref.fullName() + "@" + version.label + " is "
                    + version.status + "; publish a new version instead");
        }
    }

    private VersionEntity load(ModelRef ref, String label) {
        return versions.find(ref.id(), label)
                .orElseThrow(() -> DomainException.notFound("version '" + ref.fullName() + "@" + label + "'"));
    }

    private static SemVer parse(String label) {
        try {
            return SemVer.parse(label);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "version: " + e.getMessage());
        }
    }


    private VersionView view(VersionEntity v, ModelRef ref) {
        List<VersionView.ArtifactView> artifacts = v.artifacts.stream().map(a -> {
            BlobView.BlobSummary blob = blobs.summary(a.digest);
            return new VersionView.ArtifactView(a.fileName, a.digest, blob.size(), blob.format(),
                    blob.architecture(), blob.tensorCount());
        }).toList();
        return new VersionView(ref.owner().slug(), ref.slug(), v.label, v.status, v.modelCard, v.trainingData,
                artifacts, v.createdAt, v.updatedAt, v.publishedAt);
    }
}
