package dev.modelport.signing.tlog;

import dev.modelport.signing.internal.Sha256;
import dev.modelport.signing.key.Ed25519PublicKey;
import dev.modelport.signing.key.MalformedKeyException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * A named Ed25519 key for C2SP signed notes. The key hash is the first 4 bytes of SHA-256(name ||
 * 0x0A || 0x01 || pubkey), where 0x01 is the Ed25519 signature type; the text form ("vkey") is
 * {@code <name>+<hex key hash>+<base64(0x01 || pubkey)>} as in Go's sumdb/note.
 */
public record NoteVerifierKey(String name, Ed25519PublicKey key) {
  static final byte ED25519_TYPE = 0x01;

  public NoteVerifierKey {
    Objects.requireNonNull(key, "key");
    checkName(name);
  }

  /** The 4-byte key hash as a big-endian int. */
  public int keyHash() {
    MessageDigest md = Sha256.newDigest();
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0x0A);
    md.update(ED25519_TYPE);
    md.update(key.raw());
    return ByteBuffer.wrap(md.digest()).getInt();
  }

  /** The verifier key text, e.g. {@code example.org/log+c74f20a3+AR...}. */
  public String vkey() {
    byte[] typed = new byte[1 + Ed25519PublicKey.SIZE];
    typed[0] = ED25519_TYPE;
    System.arraycopy(key.raw(), 0, typed, 1, Ed25519PublicKey.SIZE);
    return name + "+" + String.format("%08x", keyHash()) + "+" + Base64.getEncoder().encodeToString(typed);
  }

  /** Parses a vkey, checking that its key hash matches its name and key. */
  public static NoteVerifierKey parse(String vkey) {
    // The name has no '+' and the hash is hex, but base64 may contain '+': split into three at most.
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3 || parts[1].length() != 8) {
      throw new MalformedKeyException("vkey must be <name>+<8 hex>+<base64 key>");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new MalformedKeyException("vkey key is not base64");
    }
    if (typed.length != 1 + Ed25519PublicKey.SIZE || typed[0] != ED25519_TYPE) {
      throw new MalformedKeyException("vkey is not an Ed25519 key");
    }
    byte[] raw = new byte[Ed25519PublicKey.SIZE];
    System.arraycopy(typed, 1, raw, 0, raw.length);
    NoteVerifierKey k = new NoteVerifierKey(parts[0], Ed25519PublicKey.fromRaw(raw));
    if (!String.format("%08x", k.keyHash()).equals(parts[1])) {
      throw new MalformedKeyException("vkey key hash does not match its name and key");
    }
    return k;
  }

  /** C2SP signed-note: a key name is non-empty UTF-8 with no Unicode spaces and no '+'. */
  static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("note key name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20) {
        throw new IllegalArgumentException("note key name must not contain spaces, controls or '+': " + name);
      }
    }
  }
}
