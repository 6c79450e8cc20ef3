package dev.modelport.registry.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A throwaway nginx serving one directory on a free loopback port, the reference that benchmarks compare the service
 * with. The same tuning a production static server would have: sendfile, keep-alive, no access log.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code workers}: nginx worker processes (use the machine's core count, as the service uses every core). */
    public static Nginx serve(Path root, int workers) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("modelport-bench-nginx");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes %d;
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 1000000;
                    client_body_temp_path %s;
                    proxy_temp_path %s;
                    fastcgi_temp_path %s;
                    uwsgi_temp_path %s;
                    scgi_temp_path %s;
                    types { application/octet-stream bin; application/json json; }
                    default_type application/octet-stream;
                    server {
                        listen 127.0.0.1:%d;
                        root %s;
                        location / { }
                    }
                }
                """.formatted(workers, dir, dir, dir, dir, dir, dir, dir, port, root.toAbsolutePath()));
        Process process = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new Nginx(process, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("nginx did not start within 20 s");
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + "/" + path;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
