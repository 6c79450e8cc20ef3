package dev.modelport.signing.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme, RFC 8785 (JCS).
 *
 * <p>Guarantee: two JSON texts that parse to the same I-JSON value canonicalize to the same bytes,
 * and the output is UTF-8 with object members sorted by UTF-16 code units (§3.2.3), numbers in
 * ECMAScript form (§3.2.2.3), strings minimally escaped (§3.2.2.2) and no whitespace. Everything
 * we sign as JSON is signed over these bytes. Inputs outside I-JSON (duplicate names, lone
 * surrogates, non-finite or out-of-range numbers) are refused with {@link CanonicalJsonException}
 * rather than silently changed.
 */
public final class CanonicalJson {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final long MAX_SAFE = 1L << 53;

  private CanonicalJson() {}

  /** Parses strictly: malformed JSON, duplicate names or trailing data throw {@link CanonicalJsonException}. */
  public static JsonNode parse(byte[] utf8Json) {
    try {
      return requirePresent(STRICT.readTree(utf8Json));
    } catch (JsonProcessingException e) {
      throw new CanonicalJsonException("not valid I-JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CanonicalJsonException("not valid I-JSON: " + e.getMessage(), e);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return requirePresent(STRICT.readTree(json));
    } catch (JsonProcessingException e) {
      throw new CanonicalJsonException("not valid I-JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Canonical UTF-8 bytes of {@code value}. */
  public static byte[] canonicalize(JsonNode value) {
    return canonicalString(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Parses {@code json} strictly and returns its canonical UTF-8 bytes. */
  public static byte[] canonicalize(String json) {
    return canonicalize(parse(json));
  }

  /** Canonical form as a Java string (encode it as UTF-8 before hashing or signing). */
  public static String canonicalString(JsonNode value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out);
    return out.toString();
  }

  /** ECMAScript {@code Number::toString} of a finite double (RFC 8785 §3.2.2.3). */
  public static String formatNumber(double value) {
    return Es6Numbers.format(value);
  }

  private static JsonNode requirePresent(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      throw new CanonicalJsonException("empty JSON text");
    }
    return node;
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      default -> throw new CanonicalJsonException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
    // String.compareTo orders by UTF-16 code units, exactly what RFC 8785 §3.2.3 asks for.
    members.sort(Map.Entry.comparingByKey());
    out.append('{');
    for (int i = 0; i < members.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      writeString(members.get(i).getKey(), out);
      out.append(':');
      write(members.get(i).getValue(), out);
    }
    out.append('}');
  }

  private static String number(JsonNode node) {
    if (node.canConvertToLong()) {
      long v = node.longValue();
      if (node.isIntegralNumber() && v >= -MAX_SAFE && v <= MAX_SAFE) {
        return Long.toString(v);
      }
    }
    double d;
    if (node.isBigInteger()) {
      BigInteger big = node.bigIntegerValue();
      d = big.doubleValue(); // correctly rounded
    } else if (node.isBigDecimal()) {
      d = Double.parseDouble(node.decimalValue().toString()); // correctly rounded, unlike doubleValue() on 17
    } else {
      d = node.doubleValue();
    }
    if (Double.isInfinite(d) || Double.isNaN(d)) {
      throw new CanonicalJsonException("number outside IEEE 754 double range: " + node.asText());
    }
    return Es6Numbers.format(d);
  }

  /** RFC 8785 §3.2.2.2: escape only '"', '\\' and controls below U+0020; everything else as is. */
  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new CanonicalJsonException("lone surrogate U+" + Integer.toHexString(c) + " (RFC 8785 §3.2.2.2)");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
