package dev.modelport.signing.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.signing.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

  /** RFC 8785 §3.2.2: the sample input and its canonical output, also checked byte by byte (§3.2.4). */
  @Test
  void canonicalizesTheRfcSample() {
    String input = "{\n"
        + "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
        + "              2e-3, 0.000000000000000000000000001],\n"
        + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
        + "  \"literals\": [null, true, false]\n"
        + "}";
    String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    byte[] out = CanonicalJson.canonicalize(input);
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(expected);
    // §3.2.4 lists the UTF-8 octets; the Euro sign must come out as e2 82 ac, not escaped.
    assertThat(Hex.encode(out)).startsWith("7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c")
        .contains("22e282ac245c7530303066")
        .endsWith("2f227d");
  }

  /** RFC 8785 §3.2.3: members sorted by UTF-16 code units, so the emoji sorts before U+FB33. */
  @Test
  void sortsMembersByUtf16CodeUnitsAsInTheRfcExample() {
    String input = "{\n"
        + "  \"\\u20ac\": \"Euro Sign\",\n"
        + "  \"\\r\": \"Carriage Return\",\n"
        + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
        + "  \"1\": \"One\",\n"
        + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
        + "  \"\\u0080\": \"Control\",\n"
        + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
        + "}";
    String out = new String(CanonicalJson.canonicalize(input), StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  /** RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialization. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "0000000000000000, 0",
      "8000000000000000, 0",
      "0000000000000001, 5e-324",
      "8000000000000001, -5e-324",
      "7fefffffffffffff, 1.7976931348623157e+308",
      "ffefffffffffffff, -1.7976931348623157e+308",
      "4340000000000000, 9007199254740992",
      "c340000000000000, -9007199254740992",
      "4430000000000000, 295147905179352830000",
      "44b52d02c7e14af5, 9.999999999999997e+22",
      "44b52d02c7e14af6, 1e+23",
      "44b52d02c7e14af7, 1.0000000000000001e+23",
      "444b1ae4d6e2ef4e, 999999999999999700000",
      "444b1ae4d6e2ef4f, 999999999999999900000",
      "444b1ae4d6e2ef50, 1e+21",
      "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
      "3eb0c6f7a0b5ed8d, 0.000001",
      "41b3de4355555553, 333333333.3333332",
      "41b3de4355555554, 333333333.33333325",
      "41b3de4355555555, 333333333.3333333",
      "41b3de4355555556, 333333333.3333334",
      "41b3de4355555557, 333333333.33333343",
      "becbf647612f3696, -0.0000033333333333333333",
      "43143ff3c1cb0959, 1424953923781206.2",
      // from the es6testfile sample lines quoted with Appendix B
      "4340000000000001, 9007199254740994",
      "4340000000000002, 9007199254740996",
  })
  void formatsNumbersAsAppendixB(String ieeeHex, String expected) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
    assertThat(CanonicalJson.formatNumber(d)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
  void refusesNanAndInfinityAsAppendixBSays(String ieeeHex) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
    assertThatThrownBy(() -> CanonicalJson.formatNumber(d)).isInstanceOf(CanonicalJsonException.class);
  }

  @Test
  void everyFormattedNumberParsesBackToTheSameDouble() {
    Random random = new Random(8785);
    for (int i = 0; i < 5_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      String s = CanonicalJson.formatNumber(d);
      assertThat(Double.parseDouble(s)).as(s).isEqualTo(d == 0 ? 0.0 : d);
    }
  }

  @Test
  void refusesDuplicateNamesEvenWhenSpelledWithEscapes() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"\\u0061\":2}"))
        .isInstanceOf(CanonicalJsonException.class);
  }

  @Test
  void refusesLoneSurrogatesAndTrailingGarbage() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("\"\\ud800\"")).isInstanceOf(CanonicalJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.parse("{} {}")).isInstanceOf(CanonicalJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.parse("")).isInstanceOf(CanonicalJsonException.class);
  }

  @Test
  void escapesControlsInLowerCaseHexAndLeavesOtherCharactersAlone() {
    String out = new String(CanonicalJson.canonicalize("[\"\\u001f\\u007f\\u2028<>&\"]"), StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("[\"\\u001f\u007f\u2028<>&\"]");
  }

  @Test
  void bigIntegersBecomeDoublesLikeInJavaScript() {
    assertThat(new String(CanonicalJson.canonicalize("[18446744073709551615, 9007199254740993, -0.0, 1.0]"),
        StandardCharsets.UTF_8)).isEqualTo("[18446744073709552000,9007199254740992,0,1]");
  }

  @Test
  void sameValueDifferentSpellingGivesIdenticalBytes() {
    byte[] a = CanonicalJson.canonicalize("{ \"b\" : [1.0, 2e0], \"a\" : {\"y\":null, \"x\":\"\\u00e9\"} }");
    byte[] b = CanonicalJson.canonicalize("{\"a\":{\"x\":\"\u00e9\",\"y\":null},\"b\":[1,2]}");
    assertThat(a).isEqualTo(b);
  }
}
