package dev.modelport.signing.tlog;

import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.key.SignatureVerificationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * C2SP signed-note: text ending in a newline, a blank line, then signature lines {@code "— <name>
 * <base64(keyhash4 || signature)>"}. The signature covers the text including its final newline.
 *
 * <p>Guarantee: {@link #verify} returns the text only if at least one signature line names a key
 * in the trusted set and verifies; lines from unknown keys are ignored, as the spec requires, and
 * a bad signature from a trusted key rejects the whole note.
 */
public final class SignedNote {
  private static final String DASH = "\u2014 ";
  private static final int MAX_SIGNATURES = 100;

  /** One parsed signature line. */
  public record Line(String name, int keyHash, byte[] signature) {}

  private final String text;
  private final List<Line> lines;

  private SignedNote(String text, List<Line> lines) {
    this.text = text;
    this.lines = List.copyOf(lines);
  }

  /** Signs {@code text} (which must end in a newline) and returns the full note. */
  public static String sign(String text, String keyName, Ed25519Signer signer) {
    checkText(text);
    NoteVerifierKey key = new NoteVerifierKey(keyName, signer.publicKey());
    return text + "\n" + line(key, signer.sign(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Adds a cosignature line (e.g. a witness) to an existing note without checking the others. */
  public static String cosign(String note, String keyName, Ed25519Signer signer) {
    SignedNote parsed = parse(note);
    NoteVerifierKey key = new NoteVerifierKey(keyName, signer.publicKey());
    return note + line(key, signer.sign(parsed.text.getBytes(StandardCharsets.UTF_8)));
  }

  public static SignedNote parse(String note) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw new NoteVerificationException("signed note needs text, a blank line and signature lines");
    }
    String text = note.substring(0, split + 1);
    checkText(text);
    List<Line> lines = new ArrayList<>();
    for (String l : note.substring(split + 2, note.length() - 1).split("\n", -1)) {
      if (!l.startsWith(DASH) || lines.size() == MAX_SIGNATURES) {
        throw new NoteVerificationException("malformed or too many signature lines");
      }
      String[] parts = l.substring(DASH.length()).split(" ", -1);
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts.length == 2 ? parts[1] : "");
      } catch (IllegalArgumentException e) {
        throw new NoteVerificationException("signature is not base64");
      }
      if (parts.length != 2 || parts[0].isEmpty() || blob.length < 5) {
        throw new NoteVerificationException("malformed signature line");
      }
      byte[] sig = new byte[blob.length - 4];
      System.arraycopy(blob, 4, sig, 0, sig.length);
      lines.add(new Line(parts[0], ByteBuffer.wrap(blob, 0, 4).getInt(), sig));
    }
    return new SignedNote(text, lines);
  }

  /**
   * Returns the text once a trusted key has verified it.
   *
   * @throws NoteVerificationException if no trusted key signed, or a trusted key's signature fails
   */
  public String verify(Collection<NoteVerifierKey> trusted) {
    boolean verified = false;
    for (Line l : lines) {
      for (NoteVerifierKey k : trusted) {
        if (k.name().equals(l.name()) && k.keyHash() == l.keyHash()) {
          try {
            k.key().verifier().verify(l.signature(), text.getBytes(StandardCharsets.UTF_8));
          } catch (SignatureVerificationException e) {
            throw new NoteVerificationException("invalid signature by trusted key " + k.name());
          }
          verified = true;
        }
      }
    }
    if (!verified) {
      throw new NoteVerificationException("note is not signed by any trusted key");
    }
    return text;
  }

  /** The unverified text; use {@link #verify} for anything you act on. */
  public String text() {
    return text;
  }

  public List<Line> lines() {
    return lines;
  }

  private static String line(NoteVerifierKey key, byte[] sig) {
    byte[] blob = ByteBuffer.allocate(4 + sig.length).putInt(key.keyHash()).put(sig).array();
    return DASH + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  private static void checkText(String text) {
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new NoteVerificationException("note text must end with a newline");
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 && text.charAt(i) != '\n') {
        throw new NoteVerificationException("note text must not contain control characters");
      }
    }
  }
}
