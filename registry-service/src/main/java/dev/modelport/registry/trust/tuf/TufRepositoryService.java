package dev.modelport.registry.trust.tuf;

import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgKind;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.registry.trust.KeyChanged;
import dev.modelport.registry.trust.KeyCustody;
import dev.modelport.registry.trust.KeyRole;
import dev.modelport.registry.trust.TrustConfig;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.registry.trust.TrustKeyView;
import dev.modelport.signing.json.CanonicalJson;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.tuf.MetaFile;
import dev.modelport.signing.tuf.SignedMetadata;
import dev.modelport.signing.tuf.SnapshotMetadata;
import dev.modelport.signing.tuf.TargetFile;
import dev.modelport.signing.tuf.TargetsMetadata;
import dev.modelport.signing.tuf.TimestampMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * TUF 1.0 repositories, one per OEM channel ({@code <oem>/<channel>}), persisted in PostgreSQL and served to devices
 * by {@link DeviceTufResource}. The platform root is shared; each repository's top-level targets.json (platform
 * targets key) delegates {@code <oem>/*} to the OEM's key, whose role ({@code oem-<slug>}) lists the targets;
 * snapshot and timestamp are signed by the platform's online keys. Every publication writes consistent-snapshot
 * files in dependency order (delegated role, targets, snapshot, timestamp) in one transaction, under a row lock on
 * the repository, so devices never see a half-published state.
 */
@ApplicationScoped
public class TufRepositoryService {

    private static final Logger LOG = Logger.getLogger(TufRepositoryService.class);
    private static final Pattern REPOSITORY = Pattern.compile("([a-z0-9][a-z0-9-]{1,63})/([a-z0-9][a-z0-9._-]{0,63})");
    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");
    private static final Pattern VERSIONED = Pattern.compile("([1-9][0-9]{0,9})\\.([A-Za-z0-9._-]+)\\.json");
    static final String TARGETS = "targets";
    static final String SNAPSHOT = "snapshot";
    static final String TIMESTAMP = "timestamp";

    @Inject
    TufRepositories repos;

    @Inject
    TrustKeyService keys;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    TrustConfig config;

    /** The delegated role of an OEM. Prefixed, so no OEM slug can collide with a top-level role name. */
    public static String delegatedRole(String oemSlug) {
        return "oem-" + oemSlug;
    }

    // ------------------------------------------------------------------ the internal API for distribution

    /**
     * Makes {@code targets} the complete target list of {@code repository} ({@code <oem>/<channel>}, created on
     * first use). Every path must be {@code <oem>/<file name>}. Joins the caller's transaction.
     *
     * @throws DomainException OEM_KEY_MISSING when the OEM has no active delegated key, TARGET_OUTSIDE_DELEGATION
     *     or VALIDATION_FAILED for bad paths or digests
     */
    @Transactional
    public PublishResult publishTargets(String repository, List<TufTarget> targets) {
        Matcher m = REPOSITORY.matcher(repository == null ? "" : repository);
        if (!m.matches()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "repository must be <oem>/<channel>");
        }
        OrgView oem = orgs.get(m.group(1));
        if (oem.kind() != OrgKind.OEM) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "'" + oem.slug() + "' is not an OEM");
        }
        TrustKeyView oemKey = keys.activeOemKey(oem.id()).orElseThrow(() -> new DomainException(
                ErrorCode.OEM_KEY_MISSING, "organisation '" + oem.slug() + "' must register a delegated key first"));
        TargetsMetadata.Builder md = TargetsMetadata.builder();
        for (TufTarget t : targets) {
            checkTarget(oem.slug(), t);
            md.target(t.path(), TargetFile.of(t.length(), t.sha256(), t.custom()));
        }
        TufRepositoryEntity repo = repos.lock(findOrCreate(repository, oem, m.group(2)).id);
        for (TufTarget t : targets) {
            if (t.content() != null) {
                TufTargetContentEntity c = new TufTargetContentEntity();
                c.sha256 = t.sha256();
                c.length = t.length();
                c.content = t.content();
                c.createdAt = Instant.now();
                repos.saveContent(c);
            }
        }
        String role = delegatedRole(oem.slug());
        int version = nextVersion(repo, role);
        return publishDelegated(repo, oemKey, md.version(version).expires(expiry(config.tuf().delegatedExpiry()))
                .build());
    }

    /** The delegated metadata waiting for the OEM's signature, if any. Only the OEM itself may read it. */
    @Transactional
    public Optional<PendingSignature> pending(Caller caller, String oemSlug, String channel) {
        TufRepositoryEntity repo = ownRepository(caller, oemSlug, channel);
        return repos.pending(repo.id).map(p -> new PendingSignature(repo.name, p.role, p.version, p.keyId,
                p.signedPart.clone()));
    }

    /**
     * Completes a publication that waited for the OEM: {@code signatureHex} must be the Ed25519 signature of the
     * pending canonical bytes by the OEM's active key.
     */
    @Transactional
    public PublishResult submitSignature(Caller caller, String oemSlug, String channel, int version, String keyId,
                                         String signatureHex) {
        TufRepositoryEntity repo = repos.lock(ownRepository(caller, oemSlug, channel).id);
        TufPendingEntity p = repos.pending(repo.id).filter(x -> x.version == version && x.keyId.equals(keyId))
                .orElseThrow(() -> new DomainException(ErrorCode.NO_PENDING_SIGNATURE, "no metadata version "
                        + version + " of " + repo.name + " waits for a signature by key " + keyId));
        TrustKeyView key = keys.activeOemKey(repo.oemId).filter(k -> k.keyId().equals(keyId))
                .orElseThrow(() -> new DomainException(ErrorCode.KEY_NOT_ACTIVE, "key " + keyId + " is not active"));
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(signatureHex);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainException(ErrorCode.INVALID_SIGNATURE, "the signature must be hex");
        }
        TargetsMetadata md = SignedMetadata.parseTargets(("{\"signatures\":[],\"signed\":"
                + new String(p.signedPart, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8)).signed();
        if (!Arrays.equals(CanonicalJson.canonicalize(md.toJson()), p.signedPart)) {
            throw new IllegalStateException("pending metadata of " + repo.name + " does not round-trip");
        }
        // An "external" signer checks the uploaded signature against the key before it is used.
        Ed25519Signer uploaded = Ed25519Signer.external(Ed25519PublicKey.fromHex(key.publicKey()), data -> signature);
        SignedMetadata<TargetsMetadata> signed;
        try {
            signed = SignedMetadata.sign(md, List.of(uploaded));
        } catch (IllegalStateException e) {
            throw new DomainException(ErrorCode.INVALID_SIGNATURE, "the signature does not verify with key " + keyId
                    + " over the pending canonical bytes");
        }
        repos.dropPending(repo.id);
        return complete(repo, p.role, signed, keyId);
    }

    // ------------------------------------------------------------------ serving

    /** A metadata file of a repository by its served name (root.json, N.root.json, timestamp.json, N.role.json). */
    @Transactional
    public Optional<byte[]> metadataFile(String oemSlug, String channel, String file) {
        Optional<TufRepositoryEntity> repo = repos.byName(oemSlug + "/" + channel);
        if (repo.isEmpty()) {
            return Optional.empty();
        }
        if (file.equals("root.json")) {
            return Optional.of(keys.latestRoot());
        }
        if (file.equals("timestamp.json")) {
            return repos.latest(repo.get().id, TIMESTAMP).map(e -> e.metadata);
        }
        Matcher m = VERSIONED.matcher(file);
        if (!m.matches()) {
            return Optional.empty();
        }
        int version = Integer.parseInt(m.group(1));
        return m.group(2).equals("root") ? keys.root(version)
                : repos.version(repo.get().id, m.group(2), version).map(e -> e.metadata);
    }

    /**
     * Locates a target by its consistent-snapshot path ({@code <oem>/<sha256>.<name>}), only if the repository's
     * latest delegated metadata lists it.
     */
    @Transactional
    public Optional<TargetLocation> target(String oemSlug, String channel, String consistentPath) {
        Optional<TufRepositoryEntity> repo = repos.byName(oemSlug + "/" + channel);
        int slash = consistentPath.lastIndexOf('/');
        String file = consistentPath.substring(slash + 1);
        int dot = file.indexOf('.');
        if (repo.isEmpty() || dot != 64) {
            return Optional.empty();
        }
        String sha256 = file.substring(0, dot);
        String path = consistentPath.substring(0, slash + 1) + file.substring(dot + 1);
        return repos.latest(repo.get().id, delegatedRole(oemSlug))
                .map(e -> SignedMetadata.parseTargets(e.metadata).signed().targets().get(path))
                .filter(f -> sha256.equals(f.hashes().get("sha256")))
                .map(f -> new TargetLocation(sha256, f.length(),
                        repos.content(sha256).map(c -> c.content).orElse(null)));
    }

    // ------------------------------------------------------------------ upkeep

    /** Re-signs what the key change affects, in the key change's transaction. */
    void onKeyChanged(@Observes KeyChanged change) {
        List<UUID> affected = change.role() == KeyRole.OEM ? repos.idsOfOem(change.ownerId()) : repos.ids();
        for (UUID id : affected) {
            TufRepositoryEntity repo = repos.lock(id);
            switch (change.role()) {
                case OEM -> redelegate(repo);
                case TARGETS -> publishTopLevel(repo, repo.delegationKeyId);
                case SNAPSHOT -> publishSnapshotAndTimestamp(repo);
                case TIMESTAMP -> publishTimestamp(repo);
                default -> {
                    // root and checkpoint keys sign nothing a repository holds
                }
            }
        }
    }

    /** Repository ids, for the refresh job. */
    @Transactional
    public List<UUID> repositoryIds() {
        return repos.ids();
    }

    /**
     * Re-signs whatever of one repository is within its refresh margin of expiry (TUF's defence against freeze
     * attacks needs short-lived timestamps). Returns true if anything was re-signed.
     */
    @Transactional
    public boolean refresh(UUID repositoryId) {
        TufRepositoryEntity repo = repos.lock(repositoryId);
        String role = delegatedRole(orgs.get(repo.oemId).slug());
        Optional<TufMetadataEntity> delegated = repos.latest(repo.id, role);
        if (delegated.isPresent() && expiring(delegated.get(), config.tuf().delegatedExpiry())
                && repos.pending(repo.id).isEmpty()) {
            Optional<TrustKeyView> key = keys.activeOemKey(repo.oemId);
            if (key.isPresent()) {
                TargetsMetadata old = SignedMetadata.parseTargets(delegated.get().metadata).signed();
                if (publishDelegated(repo, key.get(), resigned(old, nextVersion(repo, role))).status()
                        == PublishResult.Status.PUBLISHED) {
                    return true;
                }
            }
        }
        if (latestExpiring(repo, TARGETS, config.tuf().targetsExpiry())) {
            publishTopLevel(repo, repo.delegationKeyId);
        } else if (latestExpiring(repo, SNAPSHOT, config.tuf().snapshotExpiry())) {
            publishSnapshotAndTimestamp(repo);
        } else if (latestExpiring(repo, TIMESTAMP, config.tuf().timestampExpiry())) {
            publishTimestamp(repo);
        } else {
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ publication steps

    private PublishResult publishDelegated(TufRepositoryEntity repo, TrustKeyView oemKey, TargetsMetadata md) {
        String role = delegatedRole(orgs.get(repo.oemId).slug());
        if (oemKey.custody() == KeyCustody.PLATFORM) {
            Ed25519Signer signer = keys.oemSigner(repo.oemId).orElseThrow();
            return complete(repo, role, SignedMetadata.sign(md, List.of(signer)), oemKey.keyId());
        }
        TufPendingEntity p = new TufPendingEntity();
        p.repositoryId = repo.id;
        p.role = role;
        p.version = md.version();
        p.keyId = oemKey.keyId();
        p.signedPart = CanonicalJson.canonicalize(md.toJson());
        p.createdAt = Instant.now();
        repos.savePending(p);
        LOG.infof("%s: %s version %d waits for the signature of OEM key %s", repo.name, role, md.version(),
                oemKey.keyId());
        return new PublishResult(repo.name, PublishResult.Status.AWAITING_OEM_SIGNATURE, role, md.version(), null,
                null, oemKey.keyId());
    }

    /** Stores signed delegated metadata, then targets.json if the delegation key changed, snapshot and timestamp. */
    private PublishResult complete(TufRepositoryEntity repo, String role, SignedMetadata<TargetsMetadata> signed,
                                   String keyId) {
        store(repo, role, signed);
        if (!keyId.equals(repo.delegationKeyId) || repos.latest(repo.id, TARGETS).isEmpty()) {
            publishTopLevelTargetsOnly(repo, keyId);
        }
        int snapshot = publishSnapshot(repo);
        int timestamp = publishTimestamp(repo);
        return new PublishResult(repo.name, PublishResult.Status.PUBLISHED, role, signed.signed().version(), snapshot,
                timestamp, null);
    }

    /** After an OEM key change: re-sign the current targets with the new key, or delegate to no key if revoked. */
    private void redelegate(TufRepositoryEntity repo) {
        String role = delegatedRole(orgs.get(repo.oemId).slug());
        Optional<TrustKeyView> key = keys.activeOemKey(repo.oemId);
        Optional<TufMetadataEntity> latest = repos.latest(repo.id, role);
        if (key.isEmpty()) {
            repos.dropPending(repo.id);
            publishTopLevel(repo, null);
        } else if (latest.isPresent()) {
            TargetsMetadata old = SignedMetadata.parseTargets(latest.get().metadata).signed();
            publishDelegated(repo, key.get(), resigned(old, nextVersion(repo, role)));
        }
    }

    private void publishTopLevel(TufRepositoryEntity repo, String delegationKeyId) {
        publishTopLevelTargetsOnly(repo, delegationKeyId);
        publishSnapshotAndTimestamp(repo);
    }

    private void publishTopLevelTargetsOnly(TufRepositoryEntity repo, String delegationKeyId) {
        String oem = orgs.get(repo.oemId).slug();
        List<Ed25519PublicKey> delegated = delegationKeyId == null ? List.of()
                : keys.find(delegationKeyId).map(k -> List.of(Ed25519PublicKey.fromHex(k.publicKey())))
                        .orElse(List.of());
        TargetsMetadata md = TargetsMetadata.builder().version(nextVersion(repo, TARGETS))
                .expires(expiry(config.tuf().targetsExpiry()))
                .delegate(delegatedRole(oem), delegated, 1, List.of(oem + "/*"), true).build();
        store(repo, TARGETS, SignedMetadata.sign(md, keys.signers(KeyRole.TARGETS)));
        repo.delegationKeyId = delegated.isEmpty() ? null : delegationKeyId;
    }

    private void publishSnapshotAndTimestamp(TufRepositoryEntity repo) {
        publishSnapshot(repo);
        publishTimestamp(repo);
    }

    private int publishSnapshot(TufRepositoryEntity repo) {
        Map<String, MetaFile> meta = new LinkedHashMap<>();
        for (String role : List.of(TARGETS, delegatedRole(orgs.get(repo.oemId).slug()))) {
            repos.latest(repo.id, role).ifPresent(e -> meta.put(role + ".json", MetaFile.of(e.version, e.metadata)));
        }
        SnapshotMetadata md = SnapshotMetadata.of(nextVersion(repo, SNAPSHOT), expiry(config.tuf().snapshotExpiry()),
                meta);
        store(repo, SNAPSHOT, SignedMetadata.sign(md, keys.signers(KeyRole.SNAPSHOT)));
        return md.version();
    }

    private int publishTimestamp(TufRepositoryEntity repo) {
        TufMetadataEntity snapshot = repos.latest(repo.id, SNAPSHOT)
                .orElseThrow(() -> new IllegalStateException(repo.name + " has no snapshot yet"));
        TimestampMetadata md = TimestampMetadata.of(nextVersion(repo, TIMESTAMP),
                expiry(config.tuf().timestampExpiry()), MetaFile.of(snapshot.version, snapshot.metadata));
        store(repo, TIMESTAMP, SignedMetadata.sign(md, keys.signers(KeyRole.TIMESTAMP)));
        return md.version();
    }

    private void store(TufRepositoryEntity repo, String role, SignedMetadata<?> signed) {
        TufMetadataEntity e = new TufMetadataEntity();
        e.id = UUID.randomUUID();
        e.repositoryId = repo.id;
        e.role = role;
        e.version = signed.signed().version();
        e.metadata = signed.bytes();
        e.expiresAt = signed.signed().expires();
        e.createdAt = Instant.now();
        repos.persistMetadata(e);
        repos.flush();
    }

    // ------------------------------------------------------------------ helpers

    private TufRepositoryEntity findOrCreate(String name, OrgView oem, String channel) {
        return repos.byName(name).orElseGet(() -> {
            TufRepositoryEntity r = new TufRepositoryEntity();
            r.id = UUID.randomUUID();
            r.name = name;
            r.oemId = oem.id();
            r.channel = channel;
            r.createdAt = Instant.now();
            repos.persistAndFlush(r);
            return r;
        });
    }

    private TufRepositoryEntity ownRepository(Caller caller, String oemSlug, String channel) {
        OrgView oem = orgs.get(oemSlug);
        access.requireWrite(caller, oem);
        return repos.byName(oemSlug + "/" + channel)
                .orElseThrow(() -> DomainException.notFound("repository " + oemSlug + "/" + channel));
    }

    private static void checkTarget(String oem, TufTarget t) {
        int slash = t.path().indexOf('/');
        if (slash < 0 || !t.path().substring(0, slash).equals(oem)) {
            throw new DomainException(ErrorCode.TARGET_OUTSIDE_DELEGATION, "target '" + t.path()
                    + "' must be under '" + oem + "/'");
        }
        if (!TARGET_NAME.matcher(t.path().substring(slash + 1)).matches()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "target '" + t.path() + "' must be " + oem
                    + "/<file name> (letters, digits, '.', '_', '+', '-')");
        }
        if (!t.sha256().matches("[0-9a-f]{64}") || t.length() < 0) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "target '" + t.path()
                    + "' needs a lower-case hex sha256 and a non-negative length");
        }
    }

    /** The same targets as {@code old}, as a new version with a fresh expiry. */
    private TargetsMetadata resigned(TargetsMetadata old, int version) {
        TargetsMetadata.Builder b = TargetsMetadata.builder().version(version);
        old.targets().forEach(b::target);
        return b.expires(expiry(config.tuf().delegatedExpiry())).build();
    }

    private int nextVersion(TufRepositoryEntity repo, String role) {
        int published = repos.latest(repo.id, role).map(e -> e.version).orElse(0);
        int pending = repos.pending(repo.id).filter(p -> p.role.equals(role)).map(p -> p.version).orElse(0);
        return Math.max(published, pending) + 1;
    }

    private boolean latestExpiring(TufRepositoryEntity repo, String role, Duration lifetime) {
        return repos.latest(repo.id, role).map(e -> expiring(e, lifetime)).orElse(false);
    }

    private boolean expiring(TufMetadataEntity e, Duration lifetime) {
        long marginMillis = (long) (lifetime.toMillis() * config.tuf().refreshMarginFraction());
        return e.expiresAt.isBefore(Instant.now().plusMillis(marginMillis));
    }

    private static Instant expiry(Duration lifetime) {
        return Instant.now().plus(lifetime);
    }
}
