package dev.modelport.signing.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE v1 pre-authentication encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}.
 *
 * <p>LEN is the length in <em>bytes</em> (type as UTF-8), as ASCII decimal without leading zeros.
 * Counting characters instead (as sigstore-java once did) makes non-ASCII payload types or bodies
 * ambiguous, which is exactly what PAE exists to prevent.
 */
public final class Pae {
  private static final byte[] PREFIX = "DSSEv1 ".getBytes(StandardCharsets.US_ASCII);

  private Pae() {}

  public static byte[] encode(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(PREFIX.length + type.length + payload.length + 24);
    out.writeBytes(PREFIX);
    out.writeBytes(Integer.toString(type.length).getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(type);
    out.write(' ');
    out.writeBytes(Integer.toString(payload.length).getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
