package dev.modelport.ota.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelport.ota.DeviceApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registry answers a blob request with a redirect to a presigned object-store URL on another host (here: another
 * port under another host name, as S3 behind a presigned link would be). The device's bearer token goes to the
 * registry only, never to the object store, while the Range header and the bytes still make it through.
 */
class RedirectAuthorizationTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final byte[] BLOB = "0123456789".getBytes(StandardCharsets.US_ASCII);

  private HttpServer registry;
  private HttpServer objectStore;
  private final Map<String, String> authorizationSeen = new ConcurrentHashMap<>();
  private final Map<String, String> rangeSeen = new ConcurrentHashMap<>();
  /** The object store's host name in the redirect: the registry's own (another port only) or another name. */
  private volatile String storeHost;

  @BeforeEach
  void start() throws IOException {
    objectStore = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    objectStore.createContext("/bucket/", exchange -> {
      record(exchange, "store");
      exchange.getResponseHeaders().add("Content-Range", "bytes 2-5/" + BLOB.length);
      send(exchange, 206, java.util.Arrays.copyOfRange(BLOB, 2, 6));
    });
    objectStore.start();
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext("/device/v1/blobs/", exchange -> {
      record(exchange, "registry");
      exchange.getResponseHeaders().add("Location", "http://" + storeHost + ":" + objectStore.getAddress().getPort()
          + "/bucket/blob?X-Amz-Signature=abc");
      send(exchange, 302, new byte[0]);
    });
    registry.start();
  }

  @AfterEach
  void stop() {
    registry.stop(0);
    objectStore.stop(0);
  }

  @Test
  void theBearerTokenIsNotForwardedToAnotherHost() throws IOException {
    storeHost = "localhost"; // the registry is 127.0.0.1: another host name, and another port
    fetchThroughRedirect();
  }

  @Test
  void theBearerTokenIsNotForwardedToAnotherPortOfTheSameHost() throws IOException {
    storeHost = "127.0.0.1";
    fetchThroughRedirect();
  }

  private void fetchThroughRedirect() throws IOException {
    HttpDeviceApi api = new HttpDeviceApi(new URL("http://127.0.0.1:" + registry.getAddress().getPort() + "/"),
        Http.Timeouts.defaults());
    try (DeviceApi.BlobResponse blob = api.fetchBlob("device-token", DIGEST, List.of(new DeviceApi.Range(2, 4)))) {
      DeviceApi.Part part = blob.nextPart();
      assertThat(part.offset()).isEqualTo(2);
      try (InputStream body = part.body()) {
        assertThat(body.readAllBytes()).isEqualTo("2345".getBytes(StandardCharsets.US_ASCII));
      }
    }
    assertThat(authorizationSeen).containsEntry("registry", "Bearer device-token");
    assertThat(authorizationSeen).containsEntry("store", "none");
    assertThat(rangeSeen).containsEntry("store", "bytes=2-5");
  }

  private void record(HttpExchange exchange, String who) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    authorizationSeen.put(who, auth == null ? "none" : auth);
    String range = exchange.getRequestHeaders().getFirst("Range");
    rangeSeen.put(who, range == null ? "none" : range);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
