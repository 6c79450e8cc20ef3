package dev.modelport.signing.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.signing.key.Ed25519PrivateKey;
import dev.modelport.signing.key.Ed25519Signer;
import dev.modelport.signing.key.InsecureSecretAccess;
import dev.modelport.signing.key.SecretBytes;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  // The example key and note of Go's golang.org/x/mod/sumdb/note documentation.
  private static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String SKEY_B64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  private static final String NOTE = TEXT + "\n"
      + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  private static Ed25519Signer peter() {
    byte[] typed = Base64.getDecoder().decode(SKEY_B64); // 0x01 || seed
    return Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(Arrays.copyOfRange(typed, 1, typed.length),
        InsecureSecretAccess.get())).signer();
  }

  @Test
  void reproducesTheGoSumdbNoteExampleByteForByte() {
    NoteVerifierKey key = NoteVerifierKey.parse(VKEY);
    assertThat(key.keyHash()).isEqualTo(0xc74f20a3);
    assertThat(new NoteVerifierKey("PeterNeumann", peter().publicKey()).vkey()).isEqualTo(VKEY);
    assertThat(SignedNote.sign(TEXT, "PeterNeumann", peter())).isEqualTo(NOTE);
    assertThat(SignedNote.parse(NOTE).verify(List.of(key))).isEqualTo(TEXT);
  }

  @Test
  void vkeysWhoseBase64HasAPlusRoundTrip() {
    for (int i = 0; i < 64; i++) {
      NoteVerifierKey key = new NoteVerifierKey("log.example/x",
          dev.modelport.signing.key.Ed25519PrivateKey.generate().publicKey());
      assertThat(NoteVerifierKey.parse(key.vkey())).isEqualTo(key);
    }
  }

  @Test
  void vkeyWithAWrongHashIsRefused() {
    assertThatThrownBy(() -> NoteVerifierKey.parse(VKEY.replace("c74f20a3", "c74f20a4")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signedCheckpointRoundTripsAndVerifies() {
    Ed25519Signer log = Ed25519PrivateKey.generate().signer();
    NoteVerifierKey logKey = new NoteVerifierKey("log.modelport.dev/statements", log.publicKey());
    InMemoryHashStore store = new InMemoryHashStore();
    store.append(new byte[] {1});
    store.append(new byte[] {2});
    Checkpoint cp = new Checkpoint("log.modelport.dev/statements", 2, MerkleProofs.rootHash(store, 2));
    String note = cp.sign(logKey.name(), log);

    assertThat(note).startsWith("log.modelport.dev/statements\n2\n" + Base64.getEncoder().encodeToString(cp.rootHash())
        + "\n\n\u2014 log.modelport.dev/statements ");
    assertThat(Checkpoint.verify(note, "log.modelport.dev/statements", List.of(logKey))).isEqualTo(cp);
  }

  @Test
  void checkpointFromAnotherLogOrWithAForgedSizeIsRefused() {
    Ed25519Signer log = Ed25519PrivateKey.generate().signer();
    NoteVerifierKey logKey = new NoteVerifierKey("a.example/log", log.publicKey());
    String note = new Checkpoint("a.example/log", 5, new byte[32]).sign("a.example/log", log);

    assertThatThrownBy(() -> Checkpoint.verify(note, "b.example/log", List.of(logKey)))
        .isInstanceOf(NoteVerificationException.class);
    assertThatThrownBy(() -> Checkpoint.verify(note.replaceFirst("\n5\n", "\n6\n"), "a.example/log", List.of(logKey)))
        .isInstanceOf(NoteVerificationException.class);
    NoteVerifierKey other = new NoteVerifierKey("a.example/log", Ed25519PrivateKey.generate().publicKey());
    assertThatThrownBy(() -> Checkpoint.verify(note, "a.example/log", List.of(other)))
        .isInstanceOf(NoteVerificationException.class);
  }

  @Test
  void witnessCosignatureIsAcceptedAndUnknownSignersAreIgnored() {
    Ed25519Signer log = Ed25519PrivateKey.generate().signer();
    Ed25519Signer witness = Ed25519PrivateKey.generate().signer();
    String note = new Checkpoint("a.example/log", 1, new byte[32]).sign("a.example/log", log);
    String cosigned = SignedNote.cosign(note, "witness.example", witness);
    assertThat(SignedNote.parse(cosigned).lines()).hasSize(2);
    Checkpoint.verify(cosigned, "a.example/log", List.of(new NoteVerifierKey("a.example/log", log.publicKey())));
    Checkpoint.verify(cosigned, "a.example/log", List.of(new NoteVerifierKey("witness.example", witness.publicKey())));
  }

  @Test
  void malformedNotesAreRefused() {
    assertThatThrownBy(() -> SignedNote.parse("no blank line\n")).isInstanceOf(NoteVerificationException.class);
    assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n- PeterNeumann AAAA\n")).isInstanceOf(NoteVerificationException.class);
    assertThatThrownBy(() -> Checkpoint.parseBody("origin\n007\nAAAA\n")).isInstanceOf(NoteVerificationException.class);
  }
}
