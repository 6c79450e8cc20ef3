package dev.modelport.signing.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * Root hashes and proofs for any tree size up to the store's size (RFC 6962 §2.1.1-2.1.2, RFC
 * 9162 §2.1.3.1 and §2.1.4.1), built from complete-subtree hashes in a {@link HashStore}.
 *
 * <p>Every range the RFC recursion visits starts at a multiple of its own split point, so each
 * MTH(D[a:b]) is either one stored node or a short chain over the tree's right edge: O(log n)
 * node reads per proof.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /** MTH(D[0:treeSize]); the empty tree hashes to SHA-256(""). */
  public static byte[] rootHash(HashStore store, long treeSize) {
    checkSize(store, treeSize);
    return treeSize == 0 ? Rfc6962.emptyRoot() : subtree(store, 0, treeSize);
  }

  /** PATH(index, D[0:treeSize]) (RFC 6962 §2.1.1), leaf-level sibling first. */
  public static List<byte[]> inclusionProof(HashStore store, long index, long treeSize) {
    checkSize(store, treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("leaf index " + index + " not in tree of size " + treeSize);
    }
    List<byte[]> proof = new ArrayList<>();
    path(store, index, 0, treeSize, proof);
    return proof;
  }

  /**
   * PROOF(oldSize, D[0:newSize]) (RFC 6962 §2.1.2). Empty when {@code oldSize} is 0 or equals
   * {@code newSize}.
   */
  public static List<byte[]> consistencyProof(HashStore store, long oldSize, long newSize) {
    checkSize(store, newSize);
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException("old size " + oldSize + " must be within 0.." + newSize);
    }
    List<byte[]> proof = new ArrayList<>();
    if (oldSize > 0 && oldSize < newSize) {
      subproof(store, oldSize, 0, newSize, true, proof);
    }
    return proof;
  }

  private static void path(HashStore s, long m, long start, long end, List<byte[]> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1); // largest power of two smaller than n
    if (m < k) {
      path(s, m, start, start + k, out);
      out.add(subtree(s, start + k, end));
    } else {
      path(s, m - k, start + k, end, out);
      out.add(subtree(s, start, start + k));
    }
  }

  private static void subproof(HashStore s, long m, long start, long end, boolean whole, List<byte[]> out) {
    long n = end - start;
    if (m == n) {
      if (!whole) {
        out.add(subtree(s, start, end));
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(s, m, start, start + k, whole, out);
      out.add(subtree(s, start + k, end));
    } else {
      subproof(s, m - k, start + k, end, false, out);
      out.add(subtree(s, start, start + k));
    }
  }

  /** MTH(D[start:end]) for end > start. */
  static byte[] subtree(HashStore s, long start, long end) {
    long n = end - start;
    if (Long.bitCount(n) == 1 && start % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return s.nodeHash(level, start >>> level);
    }
    long k = Long.highestOneBit(n - 1);
    return Rfc6962.nodeHash(subtree(s, start, start + k), subtree(s, start + k, end));
  }

  private static void checkSize(HashStore store, long treeSize) {
    if (treeSize < 0 || treeSize > store.size()) {
      throw new IllegalArgumentException("tree size " + treeSize + " not within 0.." + store.size());
    }
  }
}
