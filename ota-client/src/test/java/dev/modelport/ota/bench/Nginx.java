package dev.modelport.ota.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx (the Debian package) serving one directory on a loopback port, in the foreground as a
 * child of this JVM, with its own config, pid file and logs under {@code work}: the static file
 * server the download benchmark measures against ({@code sendfile}, one worker).
 */
final class Nginx implements AutoCloseable {
  private final Process process;
  private final int port;

  private Nginx(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The nginx binary, or null if it is not installed. */
  static String binary() {
    for (String p : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
      if (Files.isExecutable(Paths.get(p))) {
        return p;
      }
    }
    return null;
  }

  static Nginx serve(Path root, Path work) throws IOException, InterruptedException {
    String bin = binary();
    if (bin == null) {
      throw new IllegalStateException("nginx is not installed (./modelport bench ota installs it with apt-get)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    String conf = String.join("\n",
        "worker_processes 1;",
        "daemon off;",
        "pid " + work.resolve("nginx.pid") + ";",
        "error_log " + work.resolve("error.log") + " warn;",
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        "  sendfile on;",
        "  tcp_nopush on;",
        "  default_type application/octet-stream;",
        "  client_body_temp_path " + tmp + "; proxy_temp_path " + tmp + "; fastcgi_temp_path " + tmp + ";",
        "  uwsgi_temp_path " + tmp + "; scgi_temp_path " + tmp + ";",
        "  server { listen 127.0.0.1:" + port + "; root " + root.toAbsolutePath() + "; }",
        "}", "");
    Path confFile = Files.writeString(work.resolve("nginx.conf"), conf);
    Process p = new ProcessBuilder(bin, "-p", work.toString(), "-c", confFile.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
    Nginx n = new Nginx(p, port);
    for (int i = 0; i < 100; i++) {
      try {
        HttpURLConnection c = (HttpURLConnection) new URL(n.url()).openConnection();
        c.getResponseCode();
        c.disconnect();
        return n;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IOException("nginx exited: " + Files.readString(work.resolve("out.log")));
        }
        Thread.sleep(50);
      }
    }
    n.close();
    throw new IOException("nginx did not start on port " + port);
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
