package dev.modelport.signing.internal;

/**
 * Lower-case hex, written by hand because {@code java.util.HexFormat} is missing on older Android.
 * Internal: not part of the public API.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** Decodes upper- or lower-case hex; throws {@link IllegalArgumentException} on odd length or a non-hex digit. */
  public static byte[] decode(CharSequence hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex string has odd length " + hex.length());
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((digit(hex.charAt(2 * i)) << 4) | digit(hex.charAt(2 * i + 1)));
    }
    return out;
  }

  /** True when {@code s} is non-empty lower-case hex of even length, the form TUF and our digests use. */
  public static boolean isLowerHex(String s, int expectedBytes) {
    if (s.length() != expectedBytes * 2) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static int digit(char c) {
    int d = Character.digit(c, 16);
    if (d < 0) {
      throw new IllegalArgumentException("not a hex digit: '" + c + "'");
    }
    return d;
  }
}
