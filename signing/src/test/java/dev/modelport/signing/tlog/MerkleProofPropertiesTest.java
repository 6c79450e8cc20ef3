package dev.modelport.signing.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties over a 100,000-leaf log: proofs for random sizes and leaves verify, and tampering
 * with the leaf, any proof node, the index, the size or a root is detected.
 */
class MerkleProofPropertiesTest {
  private static final int LEAVES = 100_000;
  private static InMemoryHashStore store;

  @BeforeAll
  static void fill() {
    store = new InMemoryHashStore();
    for (int i = 0; i < LEAVES; i++) {
      store.append(leaf(i));
    }
  }

  private static byte[] leaf(long i) {
    return ByteBuffer.allocate(12).putInt(0x6d706f72).putLong(i).array();
  }

  /** MTH by the RFC's definition straight over the leaves, as an oracle for small trees. */
  private static byte[] naiveRoot(long start, long end) {
    if (end - start == 1) {
      return Rfc6962.leafHash(leaf(start));
    }
    long k = Long.highestOneBit(end - start - 1);
    return Rfc6962.nodeHash(naiveRoot(start, start + k), naiveRoot(start + k, end));
  }

  @Test
  void cachedRootsEqualTheRecursiveDefinitionForSmallTrees() {
    for (long n = 1; n <= 70; n++) {
      assertThat(MerkleProofs.rootHash(store, n)).as("size %d", n).isEqualTo(naiveRoot(0, n));
    }
  }

  @Test
  void everyInclusionProofInSmallTreesVerifies() {
    for (long n = 1; n <= 40; n++) {
      byte[] root = MerkleProofs.rootHash(store, n);
      for (long i = 0; i < n; i++) {
        ProofVerifier.verifyInclusion(Rfc6962.leafHash(leaf(i)), i, n, MerkleProofs.inclusionProof(store, i, n), root);
      }
    }
  }

  @Test
  void everyConsistencyProofInSmallTreesVerifies() {
    for (long n = 1; n <= 40; n++) {
      for (long m = 0; m <= n; m++) {
        ProofVerifier.verifyConsistency(m, n, MerkleProofs.rootHash(store, m), MerkleProofs.rootHash(store, n),
            MerkleProofs.consistencyProof(store, m, n));
      }
    }
  }

  @Test
  void inclusionProofsForRandomSizesVerifyAndEveryTamperingIsDetected() {
    Random random = new Random(6962);
    for (int round = 0; round < 300; round++) {
      long size = 1 + random.nextInt(LEAVES);
      long index = random.nextInt((int) size);
      byte[] root = MerkleProofs.rootHash(store, size);
      byte[] leafHash = Rfc6962.leafHash(leaf(index));
      List<byte[]> proof = MerkleProofs.inclusionProof(store, index, size);
      ProofVerifier.verifyInclusion(leafHash, index, size, proof, root);

      assertRefused(() -> ProofVerifier.verifyInclusion(Rfc6962.leafHash(leaf(index + 1)), index, size, proof, root));
      for (int i = 0; i < proof.size(); i++) {
        List<byte[]> bad = flip(proof, i, random);
        assertRefused(() -> ProofVerifier.verifyInclusion(leafHash, index, size, bad, root));
      }
      if (!proof.isEmpty()) {
        assertRefused(() -> ProofVerifier.verifyInclusion(leafHash, index, size, proof.subList(0, proof.size() - 1), root));
      }
      List<byte[]> longer = new ArrayList<>(proof);
      longer.add(root);
      assertRefused(() -> ProofVerifier.verifyInclusion(leafHash, index, size, longer, root));
      assertRefused(() -> ProofVerifier.verifyInclusion(leafHash, index ^ 1, size, proof, root));
      assertRefused(() -> ProofVerifier.verifyInclusion(leafHash, index, size * 2, proof, root));
    }
  }

  @Test
  void consistencyProofsForRandomSizesVerifyAndEveryTamperingIsDetected() {
    Random random = new Random(9162);
    for (int round = 0; round < 300; round++) {
      long newSize = 2 + random.nextInt(LEAVES - 1);
      long oldSize = 1 + random.nextInt((int) newSize - 1);
      byte[] oldRoot = MerkleProofs.rootHash(store, oldSize);
      byte[] newRoot = MerkleProofs.rootHash(store, newSize);
      List<byte[]> proof = MerkleProofs.consistencyProof(store, oldSize, newSize);
      ProofVerifier.verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof);

      for (int i = 0; i < proof.size(); i++) {
        List<byte[]> bad = flip(proof, i, random);
        assertRefused(() -> ProofVerifier.verifyConsistency(oldSize, newSize, oldRoot, newRoot, bad));
      }
      assertRefused(() -> ProofVerifier.verifyConsistency(oldSize, newSize, newRoot, oldRoot, proof));
      assertRefused(() -> ProofVerifier.verifyConsistency(oldSize, newSize, oldRoot,
          MerkleProofs.rootHash(store, newSize - 1), proof));
      assertRefused(() -> ProofVerifier.verifyConsistency(oldSize, newSize, oldRoot, newRoot,
          proof.subList(0, proof.size() - 1)));
    }
  }

  @Test
  void aRewrittenLeafChangesTheRootSoOldProofsFail() {
    InMemoryHashStore forked = new InMemoryHashStore();
    for (int i = 0; i < 1000; i++) {
      forked.append(i == 321 ? new byte[] {1} : leaf(i));
    }
    byte[] honestRoot = MerkleProofs.rootHash(store, 1000);
    assertThat(MerkleProofs.rootHash(forked, 1000)).isNotEqualTo(honestRoot);
    assertRefused(() -> ProofVerifier.verifyInclusion(Rfc6962.leafHash(new byte[] {1}), 321, 1000,
        MerkleProofs.inclusionProof(forked, 321, 1000), honestRoot));
    assertRefused(() -> ProofVerifier.verifyConsistency(900, 1000, MerkleProofs.rootHash(store, 900),
        MerkleProofs.rootHash(forked, 1000), MerkleProofs.consistencyProof(forked, 900, 1000)));
  }

  private static List<byte[]> flip(List<byte[]> proof, int i, Random random) {
    List<byte[]> bad = new ArrayList<>(proof);
    byte[] node = bad.get(i).clone();
    node[random.nextInt(node.length)] ^= (byte) (1 << random.nextInt(8));
    bad.set(i, node);
    return bad;
  }

  private static void assertRefused(Runnable r) {
    assertThatThrownBy(r::run).isInstanceOf(InvalidProofException.class);
  }
}
