package dev.modelport.registry.distribution;

/**
 * CDI event (synchronous, outside any transaction, on the change-feed thread): another instance committed a change
 * of {@code topic}, or ({@link #ALL}) this instance may have missed changes and must reload everything. Observers
 * should hand the work to their own thread and return quickly.
 */
public record RemoteChange(String topic) {

    /** Check-in answers changed: releases, rollouts, licence caps ({@link DistributionEpoch#bump}). */
    public static final String DISTRIBUTION = "distribution";
    /** Compliance holds were placed or lifted. */
    public static final String HOLDS = "holds";
    /** A device was revoked. */
    public static final String REVOCATIONS = "revocations";

    /** Sent by the feed itself after (re)connecting: notifications may have been lost. */
    public static final RemoteChange ALL = new RemoteChange("*");

    public boolean concerns(String wanted) {
        return topic.equals(wanted) || this.equals(ALL);
    }
}
