package dev.modelport.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest {

    @TempDir
    Path dir;

    private static Sha256Digest digest(byte[] bytes) throws Exception {
        return Sha256Digest.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void putVerifiesWhileStreamingAndStoresUnderTheDigest() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(dir);
        byte[] bytes = "hello weights".getBytes(StandardCharsets.UTF_8);
        Sha256Digest d = digest(bytes);
        store.put(d, bytes.length, new ByteArrayInputStream(bytes));
        assertThat(store.exists(d)).isTrue();
        assertThat(store.size(d)).isEqualTo(bytes.length);
        assertThat(dir.resolve("sha256").resolve(d.hex().substring(0, 2)).resolve(d.hex())).exists();
        try (InputStream in = store.open(d, 6)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("weights");
        }
    }

    @Test
    void aWrongDigestOrLengthLeavesNothingBehind() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(dir);
        byte[] bytes = "some bytes".getBytes(StandardCharsets.UTF_8);
        Sha256Digest other = digest("other".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.put(other, bytes.length, new ByteArrayInputStream(bytes)))
                .isInstanceOf(BlobStore.IntegrityException.class);
        assertThatThrownBy(() -> store.put(digest(bytes), bytes.length + 1, new ByteArrayInputStream(bytes)))
                .isInstanceOf(BlobStore.IntegrityException.class);
        assertThat(store.exists(other)).isFalse();
        try (var files = Files.walk(dir.resolve("sha256"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void stagingKeepsBytesReceivedBeforeTheClientWentAway() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(dir);
        BlobStore.Staging staging = store.staging(UUID.randomUUID());
        InputStream breaksAfterFive = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent == 5) {
                    throw new IOException("connection reset");
                }
                sent++;
                return 'a';
            }
        };
        assertThatThrownBy(() -> staging.append(0, breaksAfterFive, 100))
                .isInstanceOfSatisfying(BlobStore.PartialAppendException.class,
                        e -> assertThat(e.length()).isEqualTo(5));
        assertThat(staging.length()).isEqualTo(5);
        // Bytes past the acknowledged offset are dropped before the next append.
        assertThat(staging.append(3, new ByteArrayInputStream("xyz".getBytes()), 100)).isEqualTo(6);
        try (InputStream in = staging.open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("aaaxyz");
        }
    }
}
