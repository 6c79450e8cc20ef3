package dev.modelport.signing.tuf;

import dev.modelport.signing.internal.Hex;
import dev.modelport.signing.key.Ed25519PublicKey;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A TUF 1.0 client following the specification's "Detailed client workflow" (§5) step by step;
 * each step is marked with its section number.
 *
 * <p>Guarantee: after {@link #refresh()} returns, the trusted root, timestamp, snapshot and
 * targets metadata are signed by their role thresholds, unexpired at the fixed update start time,
 * not older than anything trusted before, and mutually consistent by version and hash. {@link
 * #findTarget} only answers from roles trusted for the path, and {@link #fetchTarget} only returns
 * bytes matching the trusted length and hashes. Every failure throws a specific {@link
 * TufException} and leaves the previously trusted state usable (§5 note).
 *
 * <p>Thread-safe; calls are serialized.
 */
public final class TufUpdater {
  private final SignedMetadata<RootMetadata> bootstrapRoot;
  private final MetadataFetcher metadataFetcher;
  private final MetadataFetcher targetFetcher;
  private final MetadataStore store;
  private final Clock clock;
  private final Limits limits;

  private SignedMetadata<RootMetadata> root;
  private SignedMetadata<TimestampMetadata> timestamp;
  private SignedMetadata<SnapshotMetadata> snapshot;
  private SignedMetadata<TargetsMetadata> targets;
  private final Map<String, SignedMetadata<TargetsMetadata>> delegated = new HashMap<>();
  private boolean localLoaded;
  private boolean refreshed;
  private Instant now;

  /** Download limits for files whose length no trusted metadata states (endless-data defence). */
  public record Limits(long rootMaxBytes, long timestampMaxBytes, long snapshotMaxBytes, long targetsMaxBytes,
      int maxRootRotations, int maxDelegations) {
    public static Limits defaults() {
      return new Limits(512 * 1024, 16 * 1024, 4 * 1024 * 1024, 8 * 1024 * 1024, 1024, 64);
    }
  }

  private TufUpdater(Builder b) {
    this.metadataFetcher = Objects.requireNonNull(b.metadataFetcher, "metadataFetcher");
    this.targetFetcher = b.targetFetcher != null ? b.targetFetcher : b.metadataFetcher;
    this.store = b.store != null ? b.store : MetadataStore.inMemory();
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.limits = b.limits != null ? b.limits : Limits.defaults();
    this.bootstrapRoot = SignedMetadata.parseRoot(Objects.requireNonNull(b.trustedRoot, "trustedRoot"));
    RootMetadata r = bootstrapRoot.signed();
    bootstrapRoot.verify("root", r.role("root"), r.keys());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs §5.1-§5.6.6: root rotation, timestamp, snapshot and top-level targets. */
  public synchronized void refresh() {
    // 5.1 Record fixed update start time.
    now = clock.instant();
    // 5.2 Load trusted root metadata.
    if (root == null) {
      root = loadTrustedRoot();
    }
    updateRoot();
    if (!localLoaded) {
      loadLocalMetadata();
      localLoaded = true;
    }
    updateTimestamp();
    updateSnapshot();
    updateTargets();
    refreshed = true;
  }

  // 5.2: the pinned root, unless the store holds a newer self-signed one from an earlier rotation.
  private SignedMetadata<RootMetadata> loadTrustedRoot() {
    return load("root.json", SignedMetadata::parseRoot, m -> m.verify("root", m.signed().role("root"), m.signed().keys()))
        .filter(stored -> stored.signed().version() > bootstrapRoot.signed().version())
        .orElse(bootstrapRoot);
  }

  // 5.3 Update the root role.
  private void updateRoot() {
    RootMetadata initial = root.signed();
    // 5.3.9 repeat 5.3.2-5.3.9 at most Y times
    for (int i = 0; i < limits.maxRootRotations(); i++) {
      // 5.3.2
      int n = root.signed().version();
      // 5.3.3 try N+1.root.json up to W bytes; stop when it is not there
      byte[] bytes;
      try {
        bytes = fetch(metadataFetcher, (n + 1) + ".root.json", limits.rootMaxBytes(), false);
      } catch (MetadataUnavailableException e) {
        if (e.getCause() instanceof FileNotFoundException) {
          break;
        }
        throw e;
      }
      SignedMetadata<RootMetadata> next = SignedMetadata.parseRoot(bytes);
      // 5.3.4 signed by a threshold of the trusted root AND of the new root
      RootMetadata trusted = root.signed();
      next.verify("root", trusted.role("root"), trusted.keys());
      next.verify("root", next.signed().role("root"), next.signed().keys());
      // 5.3.5 rollback: the version must be exactly N+1; equal to N means nothing new
      int v = next.signed().version();
      if (v < n) {
        throw new RollbackAttackException("root", n + 1, v);
      }
      if (v == n) {
        break;
      }
      if (v != n + 1) {
        throw new VersionMismatchException("root", n + 1, v);
      }
      // 5.3.6 an intermediate root's expiry does not matter; 5.3.7 trust it; 5.3.8 persist it
      root = next;
      store.store("root.json", bytes);
    }
    // 5.3.10 freeze attack
    checkNotExpired("root", root.signed().expires());
    // 5.3.11 rotated timestamp or snapshot keys: forget those roles to recover from fast-forward attacks
    RootMetadata current = root.signed();
    if (!current.role("timestamp").equals(initial.role("timestamp"))
        || !current.role("snapshot").equals(initial.role("snapshot"))) {
      timestamp = null;
      snapshot = null;
      store.delete("timestamp.json");
      store.delete("snapshot.json");
    }
    // 5.3.12 consistent snapshots are read from root on every use (consistent()).
  }

  // Previously trusted metadata from the store, needed for the rollback checks of 5.4.3 and 5.5.5.
  private void loadLocalMetadata() {
    RootMetadata r = root.signed();
    timestamp = load("timestamp.json", SignedMetadata::parseTimestamp,
        m -> m.verify("timestamp", r.role("timestamp"), r.keys())).orElse(null);
    snapshot = load("snapshot.json", SignedMetadata::parseSnapshot,
        m -> m.verify("snapshot", r.role("snapshot"), r.keys())).orElse(null);
    targets = load("targets.json", SignedMetadata::parseTargets,
        m -> m.verify("targets", r.role("targets"), r.keys())).orElse(null);
  }

  // 5.4 Update the timestamp role.
  private void updateTimestamp() {
    RootMetadata r = root.signed();
    // 5.4.1 download timestamp.json up to X bytes
    byte[] bytes = fetch(metadataFetcher, "timestamp.json", limits.timestampMaxBytes(), false);
    SignedMetadata<TimestampMetadata> next = SignedMetadata.parseTimestamp(bytes);
    // 5.4.2 arbitrary software attack
    next.verify("timestamp", r.role("timestamp"), r.keys());
    // 5.4.3 rollback attack
    if (timestamp != null) {
      int trustedVersion = timestamp.signed().version();
      // 5.4.3.1
      if (next.signed().version() < trustedVersion) {
        throw new RollbackAttackException("timestamp", trustedVersion, next.signed().version());
      }
      if (next.signed().version() == trustedVersion) {
        // Nothing changed: keep the trusted timestamp, which must itself still be fresh (5.4.4).
        checkNotExpired("timestamp", timestamp.signed().expires());
        return;
      }
      // 5.4.3.2
      int trustedSnapshot = timestamp.signed().snapshot().version();
      if (next.signed().snapshot().version() < trustedSnapshot) {
        throw new RollbackAttackException("snapshot", trustedSnapshot, next.signed().snapshot().version());
      }
    }
    // 5.4.4 freeze attack
    checkNotExpired("timestamp", next.signed().expires());
    timestamp = next;
    // 5.4.5 persist
    store.store("timestamp.json", bytes);
  }

  // 5.5 Update the snapshot role.
  private void updateSnapshot() {
    RootMetadata r = root.signed();
    MetaFile meta = timestamp.signed().snapshot();
    if (snapshot != null && matches(snapshot, meta)) {
      // Already trusted exactly this snapshot; it must still be fresh (5.5.6).
      checkNotExpired("snapshot", snapshot.signed().expires());
      return;
    }
    // 5.5.1 download up to the length the timestamp gives, else Y bytes
    String name = consistent() ? meta.version() + ".snapshot.json" : "snapshot.json";
    byte[] bytes = fetchMeta(name, meta, limits.snapshotMaxBytes());
    // 5.5.2 hashes from the timestamp (mix-and-match)
    checkHashes("snapshot", bytes, meta.hashes());
    SignedMetadata<SnapshotMetadata> next = SignedMetadata.parseSnapshot(bytes);
    // 5.5.3 arbitrary software attack
    next.verify("snapshot", r.role("snapshot"), r.keys());
    // 5.5.4 version from the timestamp
    if (next.signed().version() != meta.version()) {
      throw new VersionMismatchException("snapshot", meta.version(), next.signed().version());
    }
    // 5.5.5 rollback: no targets file may disappear or go back in version
    if (snapshot != null) {
      for (Map.Entry<String, MetaFile> old : snapshot.signed().meta().entrySet()) {
        MetaFile listed = next.signed().meta().get(old.getKey());
        String role = roleOf(old.getKey());
        if (listed == null) {
          throw new RollbackAttackException(role, old.getValue().version(), 0); // dropped: found "no version"
        }
        if (listed.version() < old.getValue().version()) {
          throw new RollbackAttackException(role, old.getValue().version(), listed.version());
        }
      }
    }
    // 5.5.6 freeze attack
    checkNotExpired("snapshot", next.signed().expires());
    snapshot = next;
    // 5.5.7 persist
    store.store("snapshot.json", bytes);
  }

  // 5.6.1-5.6.6 Update the top-level targets role.
  private void updateTargets() {
    RootMetadata r = root.signed();
    targets = loadTargetsRole("targets", r.role("targets"), r.keys(), targets);
    // 5.6.6 persist
    store.store("targets.json", targets.bytes());
  }

  private SignedMetadata<TargetsMetadata> loadTargetsRole(String role, Role keys, Map<String, Ed25519PublicKey> keyMap,
      SignedMetadata<TargetsMetadata> cached) {
    MetaFile meta = snapshot.signed().meta().get(role + ".json");
    if (meta == null) {
      throw new MetadataUnavailableException(role, "not listed in the trusted snapshot", null);
    }
    if (cached != null && matches(cached, meta)) {
      checkNotExpired(role, cached.signed().expires()); // 5.6.5 for a copy we already hold
      return cached;
    }
    // 5.6.1 download up to the length the snapshot gives, else Z bytes
    String name = consistent() ? meta.version() + "." + role + ".json" : role + ".json";
    byte[] bytes = fetchMeta(name, meta, limits.targetsMaxBytes());
    // 5.6.2 hashes from the snapshot (mix-and-match)
    checkHashes(role, bytes, meta.hashes());
    SignedMetadata<TargetsMetadata> next = SignedMetadata.parseTargets(bytes);
    // 5.6.3 arbitrary software attack (for delegations: keys and threshold from the delegator)
    next.verify(role, keys, keyMap);
    // 5.6.4 version from the snapshot (mix-and-match)
    if (next.signed().version() != meta.version()) {
      throw new VersionMismatchException(role, meta.version(), next.signed().version());
    }
    // 5.6.5 freeze attack
    checkNotExpired(role, next.signed().expires());
    return next;
  }

  /**
   * 5.6.7 Pre-order depth-first search of the delegation graph for {@code targetPath}, then 5.7.1
   * and 5.7.2.
   *
   * @throws TargetNotFoundException if no trusted role describes it
   * @throws DelegationPathViolationException if a visited role lists a path it is not trusted for
   */
  public synchronized TargetInfo findTarget(String targetPath) {
    if (!refreshed) {
      throw new IllegalStateException("call refresh() first");
    }
    record Visit(String role, Role keys, Map<String, Ed25519PublicKey> keyMap, List<DelegatedRole> chain) {}
    Deque<Visit> toVisit = new ArrayDeque<>();
    toVisit.push(new Visit("targets", null, null, List.of()));
    Set<String> visited = new HashSet<>();
    while (!toVisit.isEmpty()) {
      Visit v = toVisit.pop();
      // 5.6.7.1 skip visited roles (cycles); stop after the maximum number of roles
      if (!visited.add(v.role())) {
        continue;
      }
      if (visited.size() > limits.maxDelegations()) {
        break;
      }
      TargetsMetadata md = v.chain().isEmpty() ? targets.signed() : delegatedRole(v.role(), v.keys(), v.keyMap());
      checkWithinDelegation(v.role(), md, v.chain());
      TargetFile file = md.targets().get(targetPath);
      if (file != null) {
        return new TargetInfo(targetPath, file, v.role()); // 5.7.1
      }
      // 5.6.7.2 delegations in order of appearance
      if (md.delegations() != null) {
        List<Visit> children = new ArrayList<>();
        for (DelegatedRole d : md.delegations().roles()) {
          if (!d.isTrustedFor(targetPath)) {
            continue;
          }
          List<DelegatedRole> chain = new ArrayList<>(v.chain());
          chain.add(d);
          children.add(new Visit(d.name(), d.keys(), md.delegations().keys(), chain));
          // 5.6.7.2.1 a terminating delegation ends the search after its own subtree
          if (d.terminating()) {
            toVisit.clear();
            break;
          }
        }
        // 5.6.7.2.2 first delegation is searched first
        Collections.reverse(children);
        children.forEach(toVisit::push);
      }
    }
    // 5.7.2 no such target
    throw new TargetNotFoundException(targetPath);
  }

  /** 5.7.3 Downloads a target (consistent-snapshot name) and verifies its length and hashes. */
  public synchronized byte[] fetchTarget(TargetInfo target) {
    TargetFile f = target.file();
    String sha256 = f.hashes().get("sha256");
    String name = consistent() && sha256 != null ? TargetFile.consistentPath(target.path(), sha256) : target.path();
    byte[] bytes = fetch(targetFetcher, name, f.length(), true);
    f.verify(target.path(), bytes);
    return bytes;
  }

  /** The trusted root version, for diagnostics and device reports. */
  public synchronized int rootVersion() {
    return (root != null ? root : bootstrapRoot).signed().version();
  }

  private TargetsMetadata delegatedRole(String role, Role keys, Map<String, Ed25519PublicKey> keyMap) {
    SignedMetadata<TargetsMetadata> md = loadTargetsRole(role, keys, keyMap, delegated.get(role));
    delegated.put(role, md);
    return md.signed();
  }

  // Clients MUST check a target against every role in the delegation chain (§4.5 "paths").
  private static void checkWithinDelegation(String role, TargetsMetadata md, List<DelegatedRole> chain) {
    for (String path : md.targets().keySet()) {
      for (DelegatedRole d : chain) {
        if (!d.isTrustedFor(path)) {
          throw new DelegationPathViolationException(role, path);
        }
      }
    }
  }

  private boolean consistent() {
    return root.signed().consistentSnapshot();
  }

  private void checkNotExpired(String role, Instant expires) {
    if (!expires.isAfter(now)) {
      throw new ExpiredMetadataException(role, expires, now);
    }
  }

  private byte[] fetchMeta(String name, MetaFile meta, long limit) {
    return meta.length() != null ? fetch(metadataFetcher, name, meta.length(), true)
        : fetch(metadataFetcher, name, limit, false);
  }

  private static byte[] fetch(MetadataFetcher fetcher, String name, long max, boolean exact) {
    byte[] bytes;
    try {
      bytes = fetcher.fetch(name, max);
    } catch (IOException e) {
      throw new MetadataUnavailableException(name, "could not fetch: " + e.getMessage(), e);
    }
    if (bytes.length > max) {
      throw exact ? new BadLengthException(name, max, bytes.length) : new EndlessDataException(name, max);
    }
    if (exact && bytes.length != max) {
      throw new BadLengthException(name, max, bytes.length);
    }
    return bytes;
  }

  private static boolean matches(SignedMetadata<?> md, MetaFile meta) {
    if (md.signed().version() != meta.version()) {
      return false;
    }
    try {
      checkHashes("cached", md.bytes(), meta.hashes());
      return meta.length() == null || meta.length() == md.bytes().length;
    } catch (BadHashException e) {
      return false;
    }
  }

  private static void checkHashes(String role, byte[] bytes, Map<String, String> hashes) {
    hashes.forEach((alg, expected) -> {
      String jca = alg.equals("sha256") ? "SHA-256" : alg.equals("sha512") ? "SHA-512" : null;
      if (jca == null) {
        return; // unknown algorithms cannot be checked; length, version and signatures still are
      }
      try {
        String actual = Hex.encode(MessageDigest.getInstance(jca).digest(bytes));
        if (!actual.equals(expected)) {
          throw new BadHashException(role, alg, expected, actual);
        }
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String roleOf(String metaPath) {
    return metaPath.endsWith(".json") ? metaPath.substring(0, metaPath.length() - 5) : metaPath;
  }

  private interface Check<T> {
    void accept(T value);
  }

  // Locally stored metadata that fails to parse or verify is ignored, never trusted.
  private <T extends Signed> Optional<SignedMetadata<T>> load(String name, Function<byte[], SignedMetadata<T>> parser,
      Check<SignedMetadata<T>> verify) {
    return store.load(name).flatMap(bytes -> {
      try {
        SignedMetadata<T> md = parser.apply(bytes);
        verify.accept(md);
        return Optional.of(md);
      } catch (TufException | IllegalArgumentException e) {
        return Optional.empty();
      }
    });
  }

  /** Builder; {@code trustedRoot} (the pinned root.json) and {@code metadataFetcher} are required. */
  public static final class Builder {
    private byte[] trustedRoot;
    private MetadataFetcher metadataFetcher;
    private MetadataFetcher targetFetcher;
    private MetadataStore store;
    private Clock clock;
    private Limits limits;

    private Builder() {}

    /** The root.json shipped with the app and trusted out of band (TUF §5.2). */
    public Builder trustedRoot(byte[] rootJson) {
      trustedRoot = rootJson.clone();
      return this;
    }

    public Builder metadataFetcher(MetadataFetcher v) {
      metadataFetcher = v;
      return this;
    }

    /** Where targets come from; defaults to the metadata fetcher. */
    public Builder targetFetcher(MetadataFetcher v) {
      targetFetcher = v;
      return this;
    }

    public Builder store(MetadataStore v) {
      store = v;
      return this;
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    public Builder limits(Limits v) {
      limits = v;
      return this;
    }

    public TufUpdater build() {
      return new TufUpdater(this);
    }
  }
}
