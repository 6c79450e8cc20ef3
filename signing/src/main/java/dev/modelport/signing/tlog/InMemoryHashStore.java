package dev.modelport.signing.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link HashStore} that stores every complete subtree hash as leaves are appended,
 * so proofs read O(log n) cached nodes instead of rehashing leaves. About 64 bytes per leaf.
 * Thread-safe; appends are serialized.
 */
public final class InMemoryHashStore implements HashStore {
  private final List<List<byte[]>> levels = new ArrayList<>();

  /** Appends raw leaf data (hashed with the 0x00 prefix) and returns its index. */
  public long append(byte[] leafData) {
    return appendLeafHash(Rfc6962.leafHash(leafData));
  }

  /** Appends an already computed leaf hash and returns its index. */
  public synchronized long appendLeafHash(byte[] leafHash) {
    if (leafHash.length != Rfc6962.HASH_SIZE) {
      throw new IllegalArgumentException("leaf hash must be 32 bytes");
    }
    long index = size();
    byte[] hash = leafHash.clone();
    // Each time a level gets an even count, its last two nodes complete a subtree one level up.
    for (int level = 0; ; level++) {
      if (levels.size() == level) {
        levels.add(new ArrayList<>());
      }
      List<byte[]> nodes = levels.get(level);
      nodes.add(hash);
      if (nodes.size() % 2 != 0) {
        break;
      }
      hash = Rfc6962.nodeHash(nodes.get(nodes.size() - 2), hash);
    }
    return index;
  }

  @Override
  public synchronized long size() {
    return levels.isEmpty() ? 0 : levels.get(0).size();
  }

  @Override
  public synchronized byte[] nodeHash(int level, long index) {
    if (level >= levels.size() || index >= levels.get(level).size()) {
      throw new IllegalArgumentException("no complete subtree at level " + level + " index " + index);
    }
    return levels.get(level).get((int) index).clone();
  }
}
