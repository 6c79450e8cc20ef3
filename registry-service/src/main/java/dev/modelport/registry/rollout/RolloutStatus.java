package dev.modelport.registry.rollout;

/**
 * RUNNING offers the release to the current stage; PAUSED (by the operator) and HALTED (by a broken stage rule)
 * offer it to no new device; COMPLETED passed its last stage; SUPERSEDED is a completed rollout a newer one
 * replaced (it still serves devices the newer one does not claim yet); ABORTED stopped for good, devices keep
 * what they have; ROLLED_BACK sends its devices back to the previous rollout's builds.
 */
public enum RolloutStatus {
    RUNNING, PAUSED, HALTED, COMPLETED, SUPERSEDED, ABORTED, ROLLED_BACK;

    public boolean offers() {
        return this == RUNNING || this == COMPLETED || this == SUPERSEDED;
    }

    public boolean inProgress() {
        return this == RUNNING || this == PAUSED || this == HALTED;
    }
}
