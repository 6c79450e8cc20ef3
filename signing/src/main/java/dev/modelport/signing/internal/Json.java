package dev.modelport.signing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.signing.json.MalformedJsonException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field readers for untrusted JSON trees: each throws {@link MalformedJsonException} naming the
 * field, so parsers stay short and never hit a NullPointerException on hostile input. Internal.
 */
public final class Json {
  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  public static ObjectNode requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new MalformedJsonException(what + " must be a JSON object");
    }
    return (ObjectNode) node;
  }

  public static JsonNode field(JsonNode obj, String name) {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      throw new MalformedJsonException("missing field '" + name + "'");
    }
    return v;
  }

  public static ObjectNode object(JsonNode obj, String name) {
    return requireObject(field(obj, name), "field '" + name + "'");
  }

  public static ArrayNode array(JsonNode obj, String name) {
    JsonNode v = field(obj, name);
    if (!v.isArray()) {
      throw new MalformedJsonException("field '" + name + "' must be an array");
    }
    return (ArrayNode) v;
  }

  public static String text(JsonNode obj, String name) {
    JsonNode v = field(obj, name);
    if (!v.isTextual()) {
      throw new MalformedJsonException("field '" + name + "' must be a string");
    }
    return v.textValue();
  }

  public static String optionalText(JsonNode obj, String name) {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new MalformedJsonException("field '" + name + "' must be a string");
    }
    return v.textValue();
  }

  /** A JSON integer that fits a long (fractions, exponents that are not integral, and huge values refused). */
  public static long integer(JsonNode obj, String name) {
    JsonNode v = field(obj, name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new MalformedJsonException("field '" + name + "' must be an integer");
    }
    return v.longValue();
  }

  public static boolean bool(JsonNode obj, String name, boolean defaultValue) {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw new MalformedJsonException("field '" + name + "' must be a boolean");
    }
    return v.booleanValue();
  }

  /** Standard or URL-safe base64, with or without padding, as DSSE allows. */
  public static byte[] base64(JsonNode obj, String name) {
    String s = text(obj, name);
    try {
      return s.indexOf('-') >= 0 || s.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(s)
          : Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new MalformedJsonException("field '" + name + "' is not base64");
    }
  }

  /** An object of string values, in document order. */
  public static Map<String, String> stringMap(JsonNode obj, String name) {
    ObjectNode o = object(obj, name);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (!e.getValue().isTextual()) {
        throw new MalformedJsonException("field '" + name + "." + e.getKey() + "' must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  public static ObjectNode stringMapNode(Map<String, String> map) {
    ObjectNode o = object();
    map.forEach(o::put);
    return o;
  }
}
