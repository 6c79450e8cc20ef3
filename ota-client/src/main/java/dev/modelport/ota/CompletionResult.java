package dev.modelport.ota;

/**
 * A finished completion.
 *
 * @param finishReason {@code stop} (end of text or a stop string) or {@code length} (max tokens)
 * @param buildDigest  the build that answered
 */
public record CompletionResult(String text, int tokens, int promptTokens, String finishReason, String buildDigest) {}
