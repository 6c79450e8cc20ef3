package dev.modelport.registry.trust;

import dev.modelport.registry.common.paging.Cursor;
import dev.modelport.registry.common.paging.Page;
import dev.modelport.registry.common.problem.DomainException;
import dev.modelport.registry.common.problem.ErrorCode;
import dev.modelport.registry.org.OrgKind;
import dev.modelport.registry.org.OrgService;
import dev.modelport.registry.org.OrgView;
import dev.modelport.registry.tenancy.AccessPolicy;
import dev.modelport.registry.tenancy.Caller;
import dev.modelport.registry.tenancy.Roles;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.dsse.Envelope;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.key.MalformedKeyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The platform's signing keys and their lifecycle. Every change (first generation, an OEM registering its key,
 * rotation, revocation) is one transaction that writes the key rows, a new root.json when a top-level role changed,
 * a root-signed key-event statement in the transparency log, and fires {@link KeyChanged} so TUF repositories
 * re-sign what depends on the key.
 */
@ApplicationScoped
public class TrustKeyService {

    private static final Logger LOG = Logger.getLogger(TrustKeyService.class);
    /** Advisory lock serialising key changes across service instances. */
    private static final long KEY_LOCK = 0x4d50_4b45_5953L;

    @Inject
    TrustKeyRepository keys;

    @Inject
    TufRootRepository rootFiles;

    @Inject
    KeyVault vault;

    @Inject
    RootPublisher roots;

    @Inject
    KeyEvents events;

    @Inject
    TransparencyLog log;

    @Inject
    OrgService orgs;

    @Inject
    AccessPolicy access;

    @Inject
    TrustConfig config;

    @Inject
    Event<KeyChanged> changed;

    /** The outcome of a rotation: the key taken out of service and the one that replaces it. */
    public record Rotation(TrustKeyView previous, TrustKeyView current) {
    }

    // ------------------------------------------------------------------ bootstrap

    /**
     * Generates the platform keys, the log head and root.json version 1 on the very first start; does nothing
     * afterwards. Safe when several instances start at once.
     */
    @Transactional
    public void ensurePlatformKeys() {
        lock();
        if (!keys.active(KeyRole.ROOT).isEmpty()) {
            return;
        }
        int n = config.root().keys();
        int k = config.root().threshold();
        if (k < 1 || k > n) {
            throw new IllegalStateException("modelport.trust.root.threshold must be within 1.." + n);
        }
        List<TrustKeyEntity> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            created.add(vault.generate(KeyRole.ROOT, null));
        }
        for (KeyRole role : List.of(KeyRole.TARGETS, KeyRole.SNAPSHOT, KeyRole.TIMESTAMP, KeyRole.CHECKPOINT)) {
            created.add(vault.generate(role, null));
        }
        created.forEach(keys::persist);
        keys.flush();
        log.ensureHead();
        roots.publishNext(List.of());
        List<Ed25519Signer> rootSigners = rootSigners();
        for (TrustKeyEntity e : created) {
            events.record(KeyEvents.ADDED, KeyEvents.PLATFORM_OWNER, e.role, e.publicKey, null,
                    "generated on first start", rootSigners);
        }
        LOG.infof("Generated the platform trust root (%d-of-%d) and online keys; root.json version 1 published", k, n);
    }

    /** Publishes a fresh root version once the current one is within its refresh margin of expiry. */
    @Transactional
    public boolean refreshRootIfExpiring() {
        lock();
        Duration lifetime = config.tuf().rootExpiry();
        long margin = (long) (lifetime.toMillis() * config.tuf().refreshMarginFraction());
        if (latestRootExpiry().isAfter(Instant.now().plusMillis(margin))) {
            return false;
        }
        roots.publishNext(List.of());
        return true;
    }

    // ------------------------------------------------------------------ signing, for other features

    /** Signers of the active platform-held keys of {@code role} (not OEM). */
    @Transactional
    public List<Ed25519Signer> signers(KeyRole role) {
        return keys.active(role).stream().map(vault::signer).toList();
    }

    /** The signer of an OEM's active delegated key, when the platform holds it. */
    @Transactional
    public Optional<Ed25519Signer> oemSigner(UUID oemId) {
        return keys.activeOem(oemId).filter(k -> k.custody == KeyCustody.PLATFORM).map(vault::signer);
    }

    /** Signs a statement as the platform, with the top-level targets key(s). */
    @Transactional
    public Envelope signAsPlatform(Statement statement) {
        return statement.sign(signers(KeyRole.TARGETS));
    }

    // ------------------------------------------------------------------ reads

    @Transactional
    public Optional<TrustKeyView> activeOemKey(UUID oemId) {
        return keys.activeOem(oemId).map(this::view);
    }

    @Transactional
    public Optional<TrustKeyView> find(String keyId) {
        return keys.findByIdOptional(keyId).map(this::view);
    }

    /** Every key of a role, whatever its status, oldest first. */
    @Transactional
    public List<TrustKeyView> keysOf(KeyRole role) {
        return keys.list("role = ?1 order by createdAt, keyId", role).stream().map(this::view).toList();
    }

    /** A key that may still be trusted for old signatures: active or retired, never revoked. */
    @Transactional
    public Optional<Ed25519PublicKey> trustedPublicKey(String keyId) {
        return keys.findByIdOptional(keyId).filter(k -> k.status != KeyStatus.REVOKED)
                .map(k -> Ed25519PublicKey.fromHex(k.publicKey));
    }

    /** The latest root.json, exactly as signed. */
    @Transactional
    public byte[] latestRoot() {
        return rootFiles.latest().map(r -> r.metadata)
                .orElseThrow(() -> new IllegalStateException("the trust root is not initialised"));
    }

    @Transactional
    public Optional<byte[]> root(int version) {
        return rootFiles.findByIdOptional(version).map(r -> r.metadata);
    }

    @Transactional
    public Instant latestRootExpiry() {
        return rootFiles.latest().map(r -> r.expiresAt).orElse(Instant.MIN);
    }

    @Transactional
    public Page<TrustKeyView> list(Caller caller, Optional<KeyRole> role, Optional<String> ownerSlug, String cursor,
                                   int limit) {
        Optional<OrgView> owner = ownerSlug.map(orgs::get);
        if (!caller.isAdmin()) {
            OrgView own = owner.orElseThrow(() -> DomainException.forbidden("only admins list every key; give owner"));
            access.requireWrite(caller, own);
        }
        List<TrustKeyView> rows = keys.pageAfter(Cursor.decode(cursor), role, owner.map(OrgView::id), limit + 1)
                .stream().map(this::view).toList();
        return Page.of(rows, limit, TrustKeyView::keyId);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Registers an OEM's delegated targets key: either the public half of a key the OEM holds ({@code custody}
     * OEM, {@code publicKey} required) or a key the platform generates and holds for it.
     */
    @Transactional
    public TrustKeyView registerOemKey(Caller caller, String oemSlug, KeyCustody custody, String publicKey) {
        OrgView oem = orgs.get(oemSlug);
        access.requireWrite(caller, oem);
        if (oem.kind() != OrgKind.OEM) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "only OEM organisations have delegated keys");
        }
        lock();
        if (keys.activeOem(oem.id()).isPresent()) {
            throw new DomainException(ErrorCode.OEM_KEY_EXISTS, "organisation '" + oemSlug + "' has an active key");
        }
        TrustKeyEntity key = newOemKey(oem.id(), custody, publicKey);
        keys.persistAndFlush(key);
        events.record(KeyEvents.ADDED, oem.slug(), KeyRole.OEM, key.publicKey, null, "registered by " + caller.username(),
                rootSigners());
        changed.fire(new KeyChanged(KeyRole.OEM, oem.id(), null, key.keyId));
        return view(key);
    }

    /**
     * Replaces an active key with a new one. Platform-held keys are regenerated; an OEM-held key is replaced by
     * {@code newPublicKey}. Admins rotate any key, an OEM its own.
     */
    @Transactional
    public Rotation rotate(Caller caller, String keyId, String reason, String newPublicKey) {
        lock();
        TrustKeyEntity old = loadActive(keyId);
        authorise(caller, old);
        List<Ed25519Signer> rootBefore = rootSigners();
        TrustKeyEntity next = old.role == KeyRole.OEM
                ? newOemKey(old.ownerId, newPublicKey == null ? old.custody : KeyCustody.OEM, newPublicKey)
                : vault.generate(old.role, null);
        old.status = KeyStatus.RETIRED;
        old.retiredAt = Instant.now();
        old.replacedBy = next.keyId;
        replace(old, next, rootBefore, reason);
        return new Rotation(view(old), view(next));
    }

    /**
     * Takes a key out of trust. A platform key is replaced at once (a role must always have keys); an OEM key is
     * not, so the OEM's targets stop verifying until it registers a new key.
     */
    @Transactional
    public Rotation revoke(Caller caller, String keyId, String reason) {
        lock();
        TrustKeyEntity old = loadActive(keyId);
        authorise(caller, old);
        old.status = KeyStatus.REVOKED;
        old.revokedAt = Instant.now();
        old.revocationReason = reason;
        vault.forget(old.keyId);
        keys.flush();
        // The revoked key signs nothing more, not even its own revocation.
        List<Ed25519Signer> rootBefore = rootSigners();
        if (old.role == KeyRole.OEM) {
            events.record(KeyEvents.REVOKED, owner(old), old.role, old.publicKey, null, reason, rootBefore);
            changed.fire(new KeyChanged(KeyRole.OEM, old.ownerId, old.keyId, null));
            return new Rotation(view(old), null);
        }
        TrustKeyEntity next = vault.generate(old.role, null);
        old.replacedBy = next.keyId;
        events.record(KeyEvents.REVOKED, owner(old), old.role, old.publicKey, null, reason, rootBefore);
        replace(old, next, rootBefore, reason);
        return new Rotation(view(old), view(next));
    }

    private void replace(TrustKeyEntity old, TrustKeyEntity next, List<Ed25519Signer> rootBefore, String reason) {
        vault.forget(old.keyId);
        keys.flush(); // the old row leaves ACTIVE before the new one enters (one active key per OEM)
        if (keys.findByIdOptional(next.keyId).isPresent()) {
            throw new DomainException(ErrorCode.CONFLICT, "key " + next.keyId + " is already known");
        }
        keys.persistAndFlush(next);
        if (old.role == KeyRole.ROOT || old.role == KeyRole.TARGETS || old.role == KeyRole.SNAPSHOT
                || old.role == KeyRole.TIMESTAMP) {
            roots.publishNext(rootBefore);
        }
        if (old.role == KeyRole.CHECKPOINT) {
            log.resignHead();
        }
        Map<String, Ed25519Signer> signers = new LinkedHashMap<>();
        rootBefore.forEach(s -> signers.put(s.keyId(), s));
        rootSigners().forEach(s -> signers.putIfAbsent(s.keyId(), s));
        events.record(KeyEvents.ROTATED, owner(old), old.role, next.publicKey, old.keyId, reason,
                new ArrayList<>(signers.values()));
        changed.fire(new KeyChanged(old.role, old.ownerId, old.keyId, next.keyId));
    }

    private TrustKeyEntity newOemKey(UUID ownerId, KeyCustody custody, String publicKey) {
        if (custody == KeyCustody.PLATFORM) {
            if (publicKey != null) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED,
                        "publicKey is only given for keys the OEM holds itself (custody OEM)");
            }
            return vault.generate(KeyRole.OEM, ownerId);
        }
        if (publicKey == null || publicKey.isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "publicKey (64 hex digits or a PEM block) is required for a key the OEM holds");
        }
        return vault.external(ownerId, parsePublicKey(publicKey));
    }

    static Ed25519PublicKey parsePublicKey(String text) {
        try {
            String t = text.trim();
            return t.startsWith("-----BEGIN") ? Ed25519PublicKey.fromPem(t) : Ed25519PublicKey.fromHex(t);
        } catch (MalformedKeyException e) {
            throw new DomainException(ErrorCode.INVALID_PUBLIC_KEY, e.getMessage());
        }
    }

    private void authorise(Caller caller, TrustKeyEntity key) {
        if (caller.isAdmin()) {
            return;
        }
        if (key.role != KeyRole.OEM || !caller.has(Roles.OEM)) {
            throw DomainException.forbidden("only platform admins manage platform keys");
        }
        access.requireWrite(caller, orgs.get(key.ownerId));
    }

    private TrustKeyEntity loadActive(String keyId) {
        TrustKeyEntity key = keys.findByIdOptional(keyId).orElseThrow(() -> DomainException.notFound("key " + keyId));
        if (key.status != KeyStatus.ACTIVE) {
            throw new DomainException(ErrorCode.KEY_NOT_ACTIVE, "key " + keyId + " is " + key.status);
        }
        return key;
    }

    private List<Ed25519Signer> rootSigners() {
        return keys.active(KeyRole.ROOT).stream().map(vault::signer).toList();
    }

    private void lock() {
        keys.getEntityManager().createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1)) l").setParameter(1, KEY_LOCK)
                .getSingleResult();
    }

    private String owner(TrustKeyEntity key) {
        return key.ownerId == null ? KeyEvents.PLATFORM_OWNER : orgs.get(key.ownerId).slug();
    }

    private TrustKeyView view(TrustKeyEntity k) {
        return new TrustKeyView(k.keyId, k.role, owner(k), k.publicKey, k.custody, k.status, k.createdAt,
                k.retiredAt, k.replacedBy, k.revokedAt, k.revocationReason);
    }
}
