package dev.modelport.signing.tlog;

import dev.modelport.signing.key.Ed25519Signer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint: the note text {@code <origin>\n<tree size>\n<base64 root hash>\n} plus
 * optional extension lines, carried in a {@link SignedNote}.
 *
 * <p>Guarantee: {@link #verify} yields a checkpoint only when a trusted log key signed it and its
 * origin is the expected one, so a checkpoint of one log can never be replayed as another's.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    if (origin.isEmpty() || origin.contains("\n")) {
      throw new IllegalArgumentException("origin must be one non-empty line");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    if (rootHash.length != Rfc6962.HASH_SIZE) {
      throw new IllegalArgumentException("root hash must be 32 bytes");
    }
    rootHash = rootHash.clone();
    extensions = List.copyOf(extensions);
    extensions.forEach(e -> {
      if (e.isEmpty() || e.contains("\n")) {
        throw new IllegalArgumentException("extension lines must be non-empty single lines");
      }
    });
  }

  public Checkpoint(String origin, long size, byte[] rootHash) {
    this(origin, size, rootHash, List.of());
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note text. */
  public String body() {
    StringBuilder b = new StringBuilder()
        .append(origin).append('\n')
        .append(size).append('\n')
        .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    extensions.forEach(e -> b.append(e).append('\n'));
    return b.toString();
  }

  /** Signs the checkpoint with the log key; the key name is conventionally the origin. */
  public String sign(String keyName, Ed25519Signer signer) {
    return SignedNote.sign(body(), keyName, signer);
  }

  /**
   * Verifies a signed checkpoint note and parses it.
   *
   * @throws NoteVerificationException on a bad or missing trusted signature, a malformed body or
   *     an unexpected origin
   */
  public static Checkpoint verify(String signedNote, String expectedOrigin, Collection<NoteVerifierKey> logKeys) {
    Checkpoint c = parseBody(SignedNote.parse(signedNote).verify(logKeys));
    if (!c.origin.equals(expectedOrigin)) {
      throw new NoteVerificationException("checkpoint origin " + c.origin + " is not " + expectedOrigin);
    }
    return c;
  }

  static Checkpoint parseBody(String text) {
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3 || !lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new NoteVerificationException("malformed checkpoint body");
    }
    try {
      byte[] root = Base64.getDecoder().decode(lines[2]);
      return new Checkpoint(lines[0], Long.parseLong(lines[1]), root,
          new ArrayList<>(Arrays.asList(lines).subList(3, lines.length)));
    } catch (IllegalArgumentException e) {
      throw new NoteVerificationException("malformed checkpoint body: " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && origin.equals(c.origin) && size == c.size
        && Arrays.equals(rootHash, c.rootHash) && extensions.equals(c.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", size=" + size + ", root=" + Base64.getEncoder().encodeToString(rootHash) + "]";
  }
}
