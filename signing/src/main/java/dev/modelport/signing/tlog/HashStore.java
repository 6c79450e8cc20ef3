package dev.modelport.signing.tlog;

/**
 * Read access to the hashes of <em>complete</em> subtrees of an append-only RFC 6962 tree, which
 * is all proof generation needs. A server backs it with a table keyed by (level, index) written
 * when a subtree fills up; {@link InMemoryHashStore} is the in-process version.
 *
 * <p>Node (level, index) covers leaves {@code [index << level, (index + 1) << level)}; level 0
 * holds leaf hashes. Implementations must be safe for concurrent reads.
 */
public interface HashStore {
  /** Number of leaves appended so far. */
  long size();

  /**
   * Hash of the complete subtree (level, index). Only asked for nodes with {@code (index + 1) <<
   * level <= size()}.
   */
  byte[] nodeHash(int level, long index);
}
