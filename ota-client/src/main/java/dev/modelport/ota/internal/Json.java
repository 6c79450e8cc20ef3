package dev.modelport.ota.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON through Jackson trees only (no data binding by reflection, which behaves differently on
 * Android). Readers are lenient: unknown fields are ignored, missing optional fields are null.
 */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static JsonNode parse(byte[] bytes) throws IOException {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null) {
        throw new IOException("empty JSON document");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IOException("malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode parse(String s) throws IOException {
    return parse(s.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String string(JsonNode node) {
    return new String(bytes(node), StandardCharsets.UTF_8);
  }

  /** Text of {@code field}, or null if absent, null or not a string. */
  public static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** Integer value of {@code field}, or null if absent or not an integral number. */
  public static Long integer(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.canConvertToLong() && v.isIntegralNumber() ? v.longValue() : null;
  }

  public static boolean bool(JsonNode n, String field, boolean dflt) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.isBoolean() ? v.booleanValue() : dflt;
  }

  /** The object at {@code field}, or null if absent, null or not an object. */
  public static JsonNode obj(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.isObject() ? v : null;
  }

  public static ObjectNode putNullable(ObjectNode o, String field, String value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
    return o;
  }
}
