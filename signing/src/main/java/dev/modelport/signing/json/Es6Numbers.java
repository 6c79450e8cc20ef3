package dev.modelport.signing.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number::toString} for finite doubles, as RFC 8785 §3.2.2.3 requires.
 *
 * <p>Written out because {@code Double.toString} on Java 17 (fixed only in 19, JDK-4511638) does
 * not always pick the shortest round-tripping digits, and its layout differs from ECMAScript
 * anyway.
 */
final class Es6Numbers {
  private static final double TWO_POW_53 = 9007199254740992.0;

  private Es6Numbers() {}

  static String format(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new CanonicalJsonException("NaN and Infinity are not JSON numbers (RFC 8785 §3.2.2.3)");
    }
    if (d == 0) {
      return "0"; // also -0, per ECMA-262 Number::toString step 2
    }
    if (d == Math.rint(d) && Math.abs(d) <= TWO_POW_53) {
      return Long.toString((long) d); // fast path: exact integers print as themselves
    }
    String sign = d < 0 ? "-" : "";
    BigDecimal shortest = shortestRoundTrip(Math.abs(d));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = 0.digits * 10^n
    return sign + layout(digits, k, n);
  }

  /**
   * ECMA-262 §6.1.6.1.20 step 5: the fewest digits k such that s × 10^(n−k) rounds to d; among
   * those the one closest to d, ties to even s. For a given k the only candidates are d's exact
   * value rounded down or up to k digits, because the round-trip interval is contiguous.
   */
  private static BigDecimal shortestRoundTrip(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
      boolean downOk = Double.parseDouble(down.toString()) == d;
      boolean upOk = Double.parseDouble(up.toString()) == d;
      if (downOk && upOk && down.compareTo(up) != 0) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        if (cmp != 0) {
          return (cmp < 0 ? down : up).stripTrailingZeros();
        }
        return (down.unscaledValue().testBit(0) ? up : down).stripTrailingZeros();
      }
      if (downOk) {
        return down.stripTrailingZeros();
      }
      if (upOk) {
        return up.stripTrailingZeros();
      }
    }
    throw new AssertionError("17 significant digits always round-trip a double: " + d);
  }

  /** ECMA-262 Number::toString steps 6-10. */
  private static String layout(String s, int k, int n) {
    if (k <= n && n <= 21) {
      return s + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return s.substring(0, n) + "." + s.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + s;
    }
    int e = n - 1;
    String exp = "e" + (e < 0 ? "-" : "+") + Math.abs(e);
    return k == 1 ? s + exp : s.charAt(0) + "." + s.substring(1) + exp;
  }
}
