package dev.modelport.signing.tlog;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Each method returns
 * normally only if the proof proves the claim, and otherwise throws {@link InvalidProofException}.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /** Proves that {@code leafHash} is leaf {@code index} of the tree of {@code treeSize} with {@code rootHash}. */
  public static void verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] rootHash) {
    checkHash(leafHash, "leaf hash");
    checkHash(rootHash, "root hash");
    // §2.1.3.2 step 1
    if (index < 0 || index >= treeSize) {
      throw new InvalidProofException("leaf index " + index + " is not below tree size " + treeSize);
    }
    // step 2-3
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    // step 4
    for (byte[] p : proof) {
      checkHash(p, "proof node");
      if (sn == 0) { // 4a
        throw new InvalidProofException("inclusion proof is longer than the path");
      }
      if ((fn & 1) == 1 || fn == sn) { // 4b
        r = Rfc6962.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>= 1; // 4c
      sn >>= 1;
    }
    // step 5
    if (sn != 0 || !MessageDigest.isEqual(r, rootHash)) {
      throw new InvalidProofException("inclusion proof for leaf " + index + " does not lead to the root of size "
          + treeSize);
    }
  }

  /** Proves that the tree of {@code oldSize} with {@code oldRoot} is a prefix of the tree of {@code newSize}. */
  public static void verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    checkHash(oldRoot, "old root");
    checkHash(newRoot, "new root");
    if (oldSize < 0 || newSize < oldSize) {
      throw new InvalidProofException("tree shrank from " + oldSize + " to " + newSize);
    }
    if (oldSize == newSize) {
      if (!proof.isEmpty() || !MessageDigest.isEqual(oldRoot, newRoot)) {
        throw new InvalidProofException("same size " + oldSize + " but different roots or a non-empty proof");
      }
      return;
    }
    if (oldSize == 0) {
      if (!proof.isEmpty() || !MessageDigest.isEqual(oldRoot, Rfc6962.emptyRoot())) {
        throw new InvalidProofException("size 0 must have the empty root and an empty proof");
      }
      return;
    }
    // §2.1.4.2 step 1
    if (proof.isEmpty()) {
      throw new InvalidProofException("empty consistency proof for " + oldSize + " -> " + newSize);
    }
    List<byte[]> path = new ArrayList<>(proof);
    path.forEach(p -> checkHash(p, "proof node"));
    // step 2
    if (Long.bitCount(oldSize) == 1) {
      path.add(0, oldRoot);
    }
    // step 3
    long fn = oldSize - 1;
    long sn = newSize - 1;
    // step 4
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    // step 5
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    // step 6
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) { // 6a
        throw new InvalidProofException("consistency proof is too long");
      }
      if ((fn & 1) == 1 || fn == sn) { // 6b
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>= 1; // 6c
      sn >>= 1;
    }
    // step 7
    if (sn != 0 || !MessageDigest.isEqual(fr, oldRoot) || !MessageDigest.isEqual(sr, newRoot)) {
      throw new InvalidProofException("consistency proof " + oldSize + " -> " + newSize + " does not verify");
    }
  }

  private static void checkHash(byte[] h, String what) {
    if (h == null || h.length != Rfc6962.HASH_SIZE) {
      throw new InvalidProofException(what + " must be " + Rfc6962.HASH_SIZE + " bytes");
    }
  }
}
