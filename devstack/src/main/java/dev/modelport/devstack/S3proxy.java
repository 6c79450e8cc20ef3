package dev.modelport.devstack;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * s3proxy ({@code org.gaul:s3proxy}) as the local S3-compatible blob store of a cluster, in its own JVM, over
 * jclouds' filesystem store: the bucket is a directory, so blobs survive a restart. Its jars are copied by the
 * devstack build to {@code devstack/target/s3proxy/}.
 */
public final class S3proxy implements AutoCloseable {

    public static final String BUCKET = "modelport";
    public static final String ACCESS_KEY = "modelport-local";
    public static final String SECRET_KEY = "modelport-local-secret-key";

    private final ManagedProcess process;
    private final String url;

    private S3proxy(ManagedProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts s3proxy on {@code port} with its data under {@code dir} and the bucket {@value #BUCKET} in it. */
    public static S3proxy start(Path repo, Path dir, int port, Path log) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve(BUCKET));
        Path properties = dir.resolveSibling(dir.getFileName() + "-s3proxy.properties");
        String url = "http://127.0.0.1:" + port;
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + url,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir,
                "jclouds.identity=unused",
                "jclouds.credential=unused", ""));
        ManagedProcess s3 = ManagedProcess.start("s3proxy",
                // s3proxy routes System.err into its logger: slf4j-simple must write elsewhere or it loops.
                List.of(Java.binary(), "-Xmx256m", "-Dorg.slf4j.simpleLogger.logFile=System.out",
                        "-cp", classpath(repo),
                        "org.gaul.s3proxy.Main", "--properties", properties.toString()),
                Map.of(), repo, log);
        try {
            awaitPort(s3, port);
        } catch (IOException | InterruptedException e) {
            s3.close();
            throw e;
        }
        return new S3proxy(s3, url);
    }

    public String url() {
        return url;
    }

    /** The registry-service settings that make it store blobs here. */
    public Map<String, String> registryEnvironment() {
        return Map.of(
                "MODELPORT_BLOBS_BACKEND", "s3",
                "MODELPORT_S3_ENDPOINT", url,
                "MODELPORT_S3_BUCKET", BUCKET,
                "MODELPORT_S3_ACCESS_KEY", ACCESS_KEY,
                "MODELPORT_S3_SECRET_KEY", SECRET_KEY,
                "MODELPORT_S3_PATH_STYLE", "true");
    }

    /** s3proxy's own jars plus what devstack already carries (SLF4J, Jackson), which Maven leaves out of the first. */
    private static String classpath(Path repo) throws IOException {
        Path own = repo.resolve("devstack/target/s3proxy");
        if (!Files.isDirectory(own)) {
            throw new IOException(own + " is missing: build devstack first (mvn package -pl devstack -am)");
        }
        StringBuilder cp = new StringBuilder(own + "/*");
        try (var libs = Files.list(repo.resolve("devstack/target/lib"))) {
            libs.filter(p -> p.getFileName().toString().matches("(slf4j|jackson)-.*"))
                    .forEach(p -> cp.append(java.io.File.pathSeparator).append(p));
        }
        return cp.toString();
    }

    private static void awaitPort(ManagedProcess process, int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited; see " + process.log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("s3proxy did not listen on port " + port + "; see " + process.log());
    }

    @Override
    public void close() {
        process.close();
    }
}
