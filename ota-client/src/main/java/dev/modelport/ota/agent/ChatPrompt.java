package dev.modelport.ota.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns chat messages into one prompt: a plain transcript, one {@code role: content} line per
 * message, ending with {@code assistant:}. Generation stops at the next user turn. Models with
 * their own chat template would get it applied by the runtime in a later version.
 */
final class ChatPrompt {
  static final String TURN_STOP = "\nuser:";

  private ChatPrompt() {}

  static String render(JsonNode messages) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode m : messages) {
      String role = m.path("role").asText("user");
      JsonNode content = m.get("content");
      String text;
      if (content != null && content.isArray()) {
        StringBuilder parts = new StringBuilder();
        content.forEach(p -> parts.append(p.path("text").asText("")));
        text = parts.toString();
      } else {
        text = content == null ? "" : content.asText("");
      }
      sb.append(role).append(": ").append(text).append('\n');
    }
    return sb.append("assistant:").toString();
  }
}
