package dev.modelport.registry.trust.log;

import java.util.List;

/**
 * The result of re-deriving the whole tree from the stored envelopes and comparing it with the stored hashes and
 * the signed checkpoint. {@code problems} lists at most the first 100 findings.
 */
public record IntegrityReport(long treeSize, boolean consistent, List<String> problems) {
}
