package dev.modelport.registry.trust.log;

/** A complete subtree of the log: (level, index) covers leaves {@code [index << level, (index + 1) << level)}. */
record NodeKey(int level, long index) {
}
