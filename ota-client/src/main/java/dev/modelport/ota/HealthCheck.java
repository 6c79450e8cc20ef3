package dev.modelport.ota;

import java.time.Duration;
import java.util.Objects;

/**
 * The smoke inference a new build must pass before it serves. The rule: a greedy completion of
 * {@link #prompt} with at most {@link #maxTokens} tokens finishes within {@link #timeout}, yields
 * at least one token, and its text is not empty. A build that cannot load, crashes, times out,
 * or produces nothing is unhealthy.
 */
public record HealthCheck(String prompt, int maxTokens, Duration timeout) {
  public HealthCheck {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(timeout, "timeout");
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive");
    }
  }

  public static HealthCheck defaults() {
    return new HealthCheck("Hello", 8, Duration.ofSeconds(60));
  }

  /** Null if {@code result} passes the rule, else why not. */
  public String judge(CompletionResult result) {
    if (result.tokens() < 1) {
      return "smoke inference produced no tokens";
    }
    if (result.text().isEmpty()) {
      return "smoke inference produced " + result.tokens() + " tokens but no text";
    }
    return null;
  }
}
