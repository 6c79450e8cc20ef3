package dev.modelport.signing.tuf;

import dev.modelport.signing.key.Ed25519Signer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes and signs a consistent-snapshot TUF repository, the file layout standard clients such as
 * tuf-js and python-tuf expect: {@code root.json} and {@code N.root.json} for every root version,
 * {@code N.targets.json}, {@code N.<delegated-role>.json}, {@code N.snapshot.json} and
 * {@code timestamp.json}; targets under {@code <dir>/<sha256>.<name>}.
 *
 * <p>Publish in dependency order: targets roles, then {@link #publishSnapshot}, then {@link
 * #publishTimestamp}. Snapshot meta always carries length and sha256 of each targets file, and the
 * timestamp those of the snapshot, so mirrors cannot mix and match. Not thread-safe: the service
 * runs one publisher per repository.
 */
public final class RepositoryBuilder {
  private final Map<String, byte[]> metadata = new TreeMap<>();
  private final Map<String, byte[]> targets = new TreeMap<>();
  private final Map<String, MetaFile> targetsMeta = new TreeMap<>();
  private MetaFile snapshotMeta;
  private int snapshotVersion;
  private int timestampVersion;

  /** Writes {@code N.root.json} and {@code root.json}. A rotation must be signed by old and new root keys. */
  public SignedMetadata<RootMetadata> publishRoot(RootMetadata root, List<Ed25519Signer> signers) {
    SignedMetadata<RootMetadata> signed = SignedMetadata.sign(root, signers);
    metadata.put(root.version() + ".root.json", signed.bytes());
    metadata.put("root.json", signed.bytes());
    return signed;
  }

  /** Writes {@code N.<role>.json}; {@code role} is {@code targets} or a delegated role name. */
  public SignedMetadata<TargetsMetadata> publishTargets(String role, TargetsMetadata md, List<Ed25519Signer> signers) {
    SignedMetadata<TargetsMetadata> signed = SignedMetadata.sign(md, signers);
    metadata.put(md.version() + "." + role + ".json", signed.bytes());
    targetsMeta.put(role + ".json", MetaFile.of(md.version(), signed.bytes()));
    return signed;
  }

  /** Stores a target file's content under its consistent-snapshot name. */
  public void addTarget(String path, byte[] content) {
    targets.put(TargetFile.consistentPath(path, TargetFile.of(content, null).hashes().get("sha256")), content.clone());
  }

  /** Writes the next {@code N.snapshot.json} over the latest version of every targets role. */
  public SignedMetadata<SnapshotMetadata> publishSnapshot(Instant expires, List<Ed25519Signer> signers) {
    SnapshotMetadata s = SnapshotMetadata.of(++snapshotVersion, expires, targetsMeta);
    SignedMetadata<SnapshotMetadata> signed = SignedMetadata.sign(s, signers);
    metadata.put(s.version() + ".snapshot.json", signed.bytes());
    snapshotMeta = MetaFile.of(s.version(), signed.bytes());
    return signed;
  }

  /** Writes the next {@code timestamp.json} (and {@code N.timestamp.json}) for the latest snapshot. */
  public SignedMetadata<TimestampMetadata> publishTimestamp(Instant expires, List<Ed25519Signer> signers) {
    if (snapshotMeta == null) {
      throw new IllegalStateException("publish a snapshot first");
    }
    TimestampMetadata t = TimestampMetadata.of(++timestampVersion, expires, snapshotMeta);
    SignedMetadata<TimestampMetadata> signed = SignedMetadata.sign(t, signers);
    metadata.put("timestamp.json", signed.bytes());
    metadata.put(t.version() + ".timestamp.json", signed.bytes());
    return signed;
  }

  /** Metadata files by name, for the metadata base URL. */
  public Map<String, byte[]> metadataFiles() {
    Map<String, byte[]> copy = new TreeMap<>();
    metadata.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** Target files by consistent-snapshot path, for the targets base URL. */
  public Map<String, byte[]> targetFiles() {
    Map<String, byte[]> copy = new TreeMap<>();
    targets.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }
}
