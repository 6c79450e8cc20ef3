package dev.modelport.signing.key;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Minimal PEM armour (RFC 7468): one block, no headers, 64-column base64. */
final class Pem {
  private Pem() {}

  static String encode(byte[] der, String label) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }

  static byte[] decode(String pem, String label) {
    if (pem == null) {
      throw new MalformedKeyException("PEM is null");
    }
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = pem.indexOf(begin);
    int e = pem.indexOf(end);
    if (b < 0 || e < b) {
      throw new MalformedKeyException("expected a PEM block labelled " + label);
    }
    String body = pem.substring(b + begin.length(), e).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException ex) {
      throw new MalformedKeyException("bad base64 in PEM block " + label);
    }
  }
}
