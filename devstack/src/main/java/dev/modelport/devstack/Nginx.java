package dev.modelport.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * nginx (the Debian package; installed with apt-get when missing) as the round-robin load balancer of a local
 * cluster. A request an instance fails to answer (connection refused, reset, 502/503) is retried on the next one when
 * it is safe to: idempotent methods only, nginx's default for {@code proxy_next_upstream}.
 */
public final class Nginx {

    private Nginx() {
    }

    /** nginx on {@code port} in front of the instances on {@code backends} (loopback ports). */
    public static ManagedProcess start(Path dir, int port, List<Integer> backends)
            throws IOException, InterruptedException {
        String binary = ensureInstalled();
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("temp"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port, backends));
        return ManagedProcess.start("nginx", List.of(binary, "-p", dir.toString(), "-c", conf.toString(),
                "-g", "daemon off;"), Map.of(), dir, dir.resolve("logs/nginx.out"));
    }

    static String config(Path dir, int port, List<Integer> backends) {
        StringBuilder upstream = new StringBuilder();
        for (int backend : backends) {
            upstream.append("    server 127.0.0.1:").append(backend).append(" max_fails=1 fail_timeout=3s;\n");
        }
        String temp = dir.resolve("temp").toString();
        return """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %2$s/body;
                  proxy_temp_path %2$s/proxy;
                  fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi;
                  scgi_temp_path %2$s/scgi;
                  upstream registry {
                %3$s    keepalive 64;
                  }
                  server {
                    listen %4$d;
                    # Weights are uploaded in large streamed bodies; the registry enforces its own limits.
                    client_max_body_size 0;
                    proxy_request_buffering off;
                    proxy_buffering off;
                    location / {
                      proxy_pass http://registry;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      proxy_connect_timeout 2s;
                      proxy_read_timeout 300s;
                      proxy_next_upstream error timeout http_502 http_503;
                      proxy_next_upstream_tries 3;
                    }
                  }
                }
                """.formatted(dir, temp, upstream, port);
    }

    /** The nginx binary of the Debian package, if it is installed. */
    public static Optional<String> installed() {
        return Stream.of("/usr/sbin/nginx", "/usr/bin/nginx").filter(c -> Files.isExecutable(Path.of(c))).findFirst();
    }

    private static String ensureInstalled() throws IOException, InterruptedException {
        Optional<String> binary = installed();
        if (binary.isPresent()) {
            return binary.get();
        }
        System.out.println("==> nginx is missing; installing the Debian package");
        Process p = new ProcessBuilder("sh", "-c",
                "(command -v sudo >/dev/null && [ \"$(id -u)\" != 0 ] && S=sudo || S=; "
                        + "$S apt-get install -y nginx-light || $S apt-get install -y nginx)")
                .inheritIO().start();
        if (p.waitFor() != 0 || installed().isEmpty()) {
            throw new IOException("could not install nginx; install it (apt-get install nginx) and retry");
        }
        return installed().get();
    }
}
