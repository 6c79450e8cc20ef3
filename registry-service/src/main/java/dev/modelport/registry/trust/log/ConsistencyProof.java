package dev.modelport.registry.trust.log;

import java.util.List;

/** RFC 9162 consistency proof between two tree sizes; hashes are lower-case hex. */
public record ConsistencyProof(long fromSize, long toSize, String fromRoot, String toRoot, List<String> hashes) {
}
