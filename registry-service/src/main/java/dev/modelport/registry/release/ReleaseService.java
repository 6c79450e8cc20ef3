package dev.modelport.registry.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.catalog.ModelRef;
import dev.modelport.registry.catalog.ModelService;
import dev.modelport.registry.catalog.VersionRef;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.catalog.VersionStatus;
import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.distribution.DistributionEpoch;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.registry.trust.tuf.PublishResult;
import dev.modelport.registry.trust.tuf.TufRepositoryService;
import dev.modelport.registry.trust.tuf.TufTarget;
import dev.modelport.signing.intoto.ReleasePredicate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Channels and releases. Publishing a release runs {@link ReleaseChecks} (builds, licence, filings) and writes the
 * channel's complete TUF target list (every release's builds, so devices can still verify a build they are sent
 * back to), a signed release statement in the transparency log and the audit event, all in one transaction.
 */
@ApplicationScoped
public class ReleaseService {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ChannelRepository channels;

    @Inject
    ReleaseRepository releases;

    @Inject
    ReleaseChecks checks;

    @Inject
    ModelService models;

    @Inject
    VersionService versions;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    TufRepositoryService tuf;

    @Inject
    TransparencyLog log;

    @Inject
    AuditLog audit;

    @Inject
    DistributionEpoch epoch;

    /** The base of a channel's TUF metadata as devices fetch it, relative to the server URL. */
    public static String tufRepository(String ownerSlug, String channel) {
        return "device/v1/tuf/" + ownerSlug + "/" + channel + "/";
    }

    @Transactional
    public ChannelView createChannel(Caller caller, OrgView owner, String name, String model) {
        access.requireWrite(caller, owner);
        int slash = model.indexOf('/');
        ModelRef ref = slash < 0 ? null : models.writable(caller, model.substring(0, slash), model.substring(slash + 1));
        if (ref == null || !ref.owner().id().equals(owner.id())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "model must be one of '" + owner.slug()
                    + "''s own model lines, written <owner>/<model>");
        }
        if (channels.nameTaken(owner.id(), name)) {
            throw new DomainException(ErrorCode.DUPLICATE_SLUG, "channel '" + name + "' exists");
        }
        ChannelEntity c = new ChannelEntity();
        c.id = UUID.randomUUID();
        c.ownerId = owner.id();
        c.modelId = ref.id();
        c.name = name;
        c.createdBy = caller.username();
        c.createdAt = Instant.now();
        channels.persist(c);
        ChannelView view = view(c);
        audit.record(caller, owner, "channel.created", "channel", c.id.toString(), null, view);
        return view;
    }

    @Transactional
    public ChannelView channel(Caller caller, UUID id) {
        ChannelEntity c = readableChannel(caller, id);
        return view(c);
    }

    @Transactional
    public Page<ChannelView> channels(Caller caller, OrgView owner, String cursor, int limit) {
        access.requireRead(caller, owner);
        List<ChannelEntity> rows = channels.pageOfOwner(owner.id(), Cursor.decode(cursor), limit + 1);
        return Page.of(rows, limit, c -> c.name).map(this::view);
    }

    /** The channel if the caller's organisation owns it (for writes). */
    @Transactional
    public ChannelView ownChannel(Caller caller, UUID id) {
        ChannelEntity c = channels.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("channel " + id));
        access.requireWrite(caller, orgs.get(c.ownerId));
        return view(c);
    }

    @Transactional
    public ReleaseView publish(Caller caller, UUID channelId, ReleaseRequest request) {
        ChannelEntity c = channels.findByIdOptional(channelId)
                .orElseThrow(() -> DomainException.notFound("channel " + channelId));
        OrgView owner = orgs.get(c.ownerId);
        access.requireWrite(caller, owner);
        ModelRef model = models.ref(c.modelId);
        VersionRef version = versions.readableRef(caller, owner.slug(), model.slug(), request.version());
        if (version.status() != VersionStatus.PUBLISHED) {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, version.fullName() + " is " + version.status()
                    + "; only a PUBLISHED version can be released");
        }
        List<String> regions = request.regions().stream().distinct().sorted().toList();
        ReleaseChecks.Checked checked = checks.check(caller, owner, version, regions, request.builds());

        ReleaseEntity r = new ReleaseEntity();
        r.id = UUID.randomUUID();
        r.channelId = c.id;
        r.versionId = version.id();
        r.seq = releases.nextSeq(c.id);
        r.status = ReleaseStatus.AWAITING_SIGNATURE;
        r.entitlementId = checked.entitlementId();
        r.regions = write(regions);
        r.builds = write(checked.builds());
        r.filings = write(checked.filings());
        r.antiRollback = request.antiRollback();
        r.createdBy = caller.username();
        r.createdAt = Instant.now();
        releases.persist(r);
        releases.flush();

        List<TufTarget> targets = new ArrayList<>();
        for (ReleaseEntity each : releases.ofChannel(c.id)) {
            targets.addAll(checks.targets(caller, each.id.equals(r.id) ? checked.builds() : builds(each),
                    each.antiRollback, each.versionId));
        }
        PublishResult published = tuf.publishTargets(owner.slug() + "/" + c.name, dedupe(targets));
        r.status = published.status() == PublishResult.Status.PUBLISHED ? ReleaseStatus.PUBLISHED
                : ReleaseStatus.AWAITING_SIGNATURE;
        r.logIndex = log.signAndAppend(statement(owner, c, r, version, checked).toStatement()).index();
        ReleaseView view = view(r, c, owner);
        audit.record(caller, owner, "release.published", "release", r.id.toString(), null, view);
        epoch.bump("release " + r.id + " published");
        return view;
    }

    @Transactional
    public ReleaseView release(Caller caller, UUID id) {
        ReleaseEntity r = releases.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("release " + id));
        ChannelEntity c = readableChannel(caller, r.channelId);
        return view(r, c, orgs.get(c.ownerId));
    }

    /** A page of the channel's releases, newest first. */
    @Transactional
    public Page<ReleaseView> releasesOf(Caller caller, UUID channelId, String cursor, int limit) {
        ChannelEntity c = readableChannel(caller, channelId);
        OrgView owner = orgs.get(c.ownerId);
        List<ReleaseEntity> rows = releases.pageOfChannel(channelId, beforeSeq(cursor), limit + 1);
        return Page.of(rows, limit, r -> Integer.toString(r.seq)).map(r -> view(r, c, owner));
    }

    private static int beforeSeq(String cursor) {
        String key = Cursor.decode(cursor);
        try {
            return key.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new DomainException(ErrorCode.BAD_CURSOR, "cursor '" + cursor + "' was not issued by this API");
        }
    }

    /** Releases by id, without access checks: for the check-in snapshot and rollouts, which check their own. */
    @Transactional
    public List<ReleaseView> find(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return releases.list("id in ?1", ids).stream().map(r -> {
            ChannelEntity c = channels.findById(r.channelId);
            return view(r, c, orgs.get(c.ownerId));
        }).toList();
    }

    @Transactional
    public Optional<ReleaseView> find(UUID id) {
        return find(List.of(id)).stream().findFirst();
    }

    // ------------------------------------------------------------------ helpers

    private ChannelEntity readableChannel(Caller caller, UUID id) {
        ChannelEntity c = channels.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("channel " + id));
        access.requireRead(caller, orgs.get(c.ownerId));
        return c;
    }

    private static List<TufTarget> dedupe(List<TufTarget> targets) {
        Map<String, TufTarget> byPath = new java.util.LinkedHashMap<>();
        targets.forEach(t -> byPath.put(t.path(), t));
        return List.copyOf(byPath.values());
    }

    private ReleasePredicate statement(OrgView owner, ChannelEntity c, ReleaseEntity r, VersionRef version,
                                       ReleaseChecks.Checked checked) {
        ReleasePredicate.Builder b = ReleasePredicate.builder().org(owner.slug()).channel(c.name)
                .releaseId(r.id.toString()).modelVersion(version.fullName()).releasedAt(r.createdAt);
        if (r.entitlementId != null) {
            b.entitlementId(r.entitlementId.toString());
        }
        checked.filings().values().forEach(b::filing);
        checked.builds().forEach(x -> b.build(x.deviceClass(), x.quantType(), x.targetPath(),
                x.digest().substring("sha256:".length())));
        return b.build();
    }

    private ChannelView view(ChannelEntity c) {
        OrgView owner = orgs.get(c.ownerId);
        return new ChannelView(c.id, owner.slug(), c.name, models.ref(c.modelId).fullName(),
                tufRepository(owner.slug(), c.name), c.createdAt);
    }

    private ReleaseView view(ReleaseEntity r, ChannelEntity c, OrgView owner) {
        return new ReleaseView(r.id, c.id, c.name, owner.id(), owner.slug(), r.seq, versions.ref(r.versionId)
                .fullName(), r.versionId, r.status, r.entitlementId, read(r.regions, new TypeReference<>() { }),
                builds(r), read(r.filings, new TypeReference<Map<String, String>>() { }), r.antiRollback,
                tufRepository(owner.slug(), c.name), r.logIndex, r.createdBy, r.createdAt);
    }

    static List<ReleaseBuild> builds(ReleaseEntity r) {
        return read(r.builds, new TypeReference<>() { });
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored release JSON does not parse", e);
        }
    }
}
