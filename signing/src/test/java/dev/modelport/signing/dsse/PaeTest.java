package dev.modelport.signing.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaeTest {

  @Test
  void matchesTheDsseSpecExample() {
    byte[] pae = Pae.encode("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  /**
   * The sigstore-java trap: the body is 13 chars but 17 UTF-8 bytes, the type 20 chars but 21
   * bytes; LEN must say 17 and 21.
   */
  @Test
  void lengthsCountUtf8BytesNotCharacters() {
    String body = "h\u00e9llo w\u00f6rld \u2713";
    String type = "application/vnd.t\u00ebst";
    assertThat(body.length()).isEqualTo(13);
    assertThat(type.length()).isEqualTo(20);
    byte[] pae = Pae.encode(type, body.getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 21 application/vnd.t\u00ebst 17 " + body);
  }

  @Test
  void emptyPayloadAndType() {
    assertThat(new String(Pae.encode("", new byte[0]), StandardCharsets.US_ASCII)).isEqualTo("DSSEv1 0  0 ");
  }
}
