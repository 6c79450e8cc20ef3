package dev.modelport.registry.distribution;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Settings of channels, rollouts and check-ins ({@code modelport.distribution.*}). */
@ConfigMapping(prefix = "modelport.distribution")
public interface DistributionConfig {

    /** Jurisdictions where a build reaches devices only with an approved filing covering its model version. */
    @WithDefault("CN")
    Set<String> filingRequired();

    /** The poll interval a check-in answer asks for. */
    @WithDefault("3600")
    long pollSeconds();

    /** The shorter interval for a device that is in a running rollout's cohort, so reports and stages move. */
    @WithDefault("300")
    long activePollSeconds();

    /**
     * How often each instance rebuilds its snapshot anyway: for changes that announce nothing (filing decisions,
     * version status, terminations) and as a safety net behind the {@link ChangeFeed}.
     */
    @WithDefault("60s")
    Duration fullRefresh();

    /** How often the stage rules of running rollouts are evaluated besides after every report batch. */
    @WithDefault("30s")
    String evaluateEvery();

    /** Most events one report write transaction takes. */
    @WithDefault("500")
    int reportBatch();
}
