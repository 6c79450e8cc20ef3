package dev.modelport.registry.trust.log;

import java.util.List;

/** RFC 9162 inclusion proof of leaf {@code leafIndex} in the tree of {@code treeSize}; hashes are lower-case hex. */
public record InclusionProof(long leafIndex, long treeSize, String rootHash, List<String> hashes) {
}
