package dev.modelport.ota;

import java.util.List;
import java.util.Objects;

/**
 * A text completion request to the active model.
 *
 * @param temperature 0 means greedy
 * @param stop        strings that end the completion (not included in the text)
 */
public record CompletionRequest(String prompt, int maxTokens, double temperature, List<String> stop) {
  public CompletionRequest {
    Objects.requireNonNull(prompt, "prompt");
    stop = stop == null ? List.of() : List.copyOf(stop);
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive");
    }
  }

  public static CompletionRequest greedy(String prompt, int maxTokens) {
    return new CompletionRequest(prompt, maxTokens, 0, List.of());
  }
}
