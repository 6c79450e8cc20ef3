package dev.modelport.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.devstack.LlamaGguf;
import dev.modelport.devstack.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumable uploads with the S3 backend across real instances (docs/decisions/0008): chunks of uneven sizes sent
 * straight to instance 1, 2 and 3 in turn (not through nginx), one of them broken off mid-body and resumed from the
 * offset another instance reports, completed on yet another; two instances appending at the same offset at once; and
 * a wrong digest, which must leave nothing staged in PostgreSQL or in the bucket. Each instance has a data directory
 * of its own ({@link LocalCluster}), so only what the bucket and the database hold carries an upload between them.
 */
@ExtendWith(ClusterStack.Extension.class)
@Order(2)
class UploadAcrossInstancesIT {

    static final long MIB = 1024 * 1024;
    /** 25 MB of F32 weights: five parts of {@link ClusterStack#S3_PART_SIZE}, the last one short. */
    static final LlamaGguf WEIGHTS = new LlamaGguf(2, 512, 1024, 1024);
    /** 12.6 MB: two parts and a tail. */
    static final LlamaGguf SMALLER = new LlamaGguf(1, 512, 1024, 512);

    @TempDir
    Path tmp;

    private final ClusterStack stack = ClusterStack.get();
    private final LocalCluster cluster = stack.cluster();
    private final UploadClient vendor = new UploadClient(stack.tokens().demoUser("vendor"));

    @Test
    void chunksOnEveryInstanceInTurnWithOneBrokenOffMidBodyMakeTheExactBlobOnEveryInstance() throws Exception {
        byte[] file = weights("cluster-upload", 7);
        String digest = UploadClient.sha256(file);
        assertThat((long) file.length).isGreaterThan(2 * ClusterStack.S3_PART_SIZE);
        long began = System.nanoTime();
        String id = vendor.create(cluster.instanceUrl(1), digest, file.length);

        // Uneven chunks, none aligned to a part; the fourth is broken off after part of its body.
        long[] chunks = {3 * MIB + 17, 7 * MIB + 1001, 2 * MIB + 5, 6 * MIB + 333, 4 * MIB + 123};
        int broken = 3;
        long offset = 0;
        int turn = 0;
        List<Integer> used = new ArrayList<>();
        while (offset < file.length) {
            int instance = turn % cluster.size() + 1;
            long length = Math.min(chunks[turn % chunks.length], file.length - offset);
            used.add(instance);
            if (turn == broken) {
                long sent = length / 2 + 7;
                vendor.patchBrokenOff(cluster.port(instance), id, offset, file, length, sent);
                int other = instance % cluster.size() + 1;
                long resumeAt = vendor.awaitOffsetBeyond(cluster.instanceUrl(other), id, offset);
                assertThat(resumeAt).as("the offset instance %d reports after the break on instance %d", other,
                        instance).isGreaterThan(offset).isLessThanOrEqualTo(offset + sent);
                Measurements.record("upload", "bytes kept of a chunk broken off after " + sent + " bytes",
                        Long.toString(resumeAt - offset));
                offset = resumeAt;
            } else {
                UploadClient.Reply reply = vendor.patch(cluster.instanceUrl(instance), id, offset, file, length);
                assertThat(reply.status()).as("PATCH at %d on instance %d: %s", offset, instance, reply.body())
                        .isEqualTo(204);
                assertThat(reply.offset()).isEqualTo(offset + length);
                offset = reply.offset();
            }
            turn++;
        }
        assertThat(used).contains(1, 2, 3);
        int last = used.get(used.size() - 1);
        int completer = last % cluster.size() + 1;
        UploadClient.Reply completed = vendor.complete(cluster.instanceUrl(completer), id);
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertThat(completed.status()).as("complete on instance %d: %s", completer, completed.body()).isEqualTo(200);
        JsonNode upload = completed.json();
        assertThat(upload.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(upload.get("blob").get("digest").asText()).isEqualTo(digest);
        Measurements.record("upload", file.length / 1_000_000 + " MB in " + turn + " chunks over 3 instances, "
                + "one broken off, completed", millis + " ms");

        assertBlobEverywhere(digest, file, 2 * 9 + 3);
        assertNothingStaged(id);
    }

    @Test
    void twoInstancesAppendingAtTheSameOffsetAtOnceLeaveOneWinnerAndAnIntactBlob() throws Exception {
        byte[] file = smaller("cluster-upload-race", 11);
        String digest = UploadClient.sha256(file);
        String id = vendor.create(cluster.entryUrl(), digest, file.length);
        long first = 3 * MIB + 5;
        assertThat(vendor.patch(cluster.instanceUrl(1), id, 0, file, first).status()).isEqualTo(204);

        // Both requests are past the offset check and streaming before either body ends; one stays within the part,
        // the other crosses into the next, so their tails differ.
        long[] lengths = {MIB + 11, 4 * MIB};
        List<UploadClient.Reply> replies = vendor.patchAtOnce(List.of(cluster.port(2), cluster.port(3)), id, first,
                file, lengths);
        List<Integer> statuses = replies.stream().map(UploadClient.Reply::status).toList();
        assertThat(statuses).as("%s", replies).containsExactlyInAnyOrder(204, 409);
        int winner = statuses.indexOf(204);
        UploadClient.Reply loser = replies.get(1 - winner);
        assertThat(loser.contentType()).startsWith("application/problem+json");
        assertThat(loser.json().get("code").asText()).isIn("UPLOAD_BUSY", "UPLOAD_OFFSET_MISMATCH");
        long offset = first + lengths[winner];
        assertThat(replies.get(winner).offset()).isEqualTo(offset);
        for (int n = 1; n <= cluster.size(); n++) {
            assertThat(vendor.offset(cluster.instanceUrl(n), id)).as("offset on instance %d", n).isEqualTo(offset);
        }

        assertThat(vendor.patch(cluster.instanceUrl(1), id, offset, file, 5 * MIB + 1).status()).isEqualTo(204);
        offset += 5 * MIB + 1;
        assertThat(vendor.patch(cluster.instanceUrl(2), id, offset, file, file.length - offset).status())
                .isEqualTo(204);
        UploadClient.Reply completed = vendor.complete(cluster.instanceUrl(3), id);
        assertThat(completed.status()).as("%s", completed.body()).isEqualTo(200);
        assertThat(completed.json().get("blob").get("digest").asText()).isEqualTo(digest);
        assertBlobEverywhere(digest, file, 9 + 3);
        assertNothingStaged(id);
        Measurements.record("upload", "same offset on two instances at once: the loser got",
                loser.status() + " " + loser.json().get("code").asText());
    }

    @Test
    void aWrongDigestIsRefusedWithProblemJsonAndLeavesNothingStaged() throws Exception {
        byte[] file = smaller("cluster-upload-wrong", 13);
        String actual = UploadClient.sha256(file);
        String declared = UploadClient.sha256(("not these bytes " + UUID.randomUUID()).getBytes());
        String id = vendor.create(cluster.instanceUrl(2), declared, file.length);
        long half = 7 * MIB + 3;
        assertThat(vendor.patch(cluster.instanceUrl(1), id, 0, file, half).status()).isEqualTo(204);
        assertThat(vendor.patch(cluster.instanceUrl(2), id, half, file, file.length - half).status())
                .isEqualTo(204);
        assertThat(stagingRows(id)).as("staged while open").isEqualTo(1);

        UploadClient.Reply refused = vendor.complete(cluster.instanceUrl(3), id);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("code").asText()).isEqualTo("DIGEST_MISMATCH");
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("detail").asText()).contains(declared, actual, "nothing was stored");

        assertNothingStaged(id);
        assertThat(bucketFile(declared)).doesNotExist();
        assertThat(bucketFile(actual)).doesNotExist();
        JsonNode failed = vendor.get(cluster.instanceUrl(1), "/api/v1/uploads/" + id).json();
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(vendor.get(cluster.entryUrl(), "/api/v1/blobs/" + declared).status()).isEqualTo(404);
        UploadClient.Reply again = vendor.patch(cluster.instanceUrl(1), id, 0, file, MIB);
        assertThat(again.json().get("code").asText()).isEqualTo("UPLOAD_CLOSED");
    }

    /**
     * The blob's metadata (what the completing instance read from the bytes) through nginx and from each instance,
     * and the bytes at its content address in the bucket. No operator endpoint serves an uploaded blob's bytes:
     * phones download only build outputs, and those are redirected to the bucket.
     */
    private void assertBlobEverywhere(String digest, byte[] file, int tensors) throws Exception {
        List<String> urls = new ArrayList<>(List.of(cluster.entryUrl()));
        for (int n = 1; n <= cluster.size(); n++) {
            urls.add(cluster.instanceUrl(n));
        }
        for (String url : urls) {
            UploadClient.Reply blob = vendor.get(url, "/api/v1/blobs/" + digest);
            assertThat(blob.status()).as("blob on %s: %s", url, blob.body()).isEqualTo(200);
            assertThat(blob.json().get("digest").asText()).isEqualTo(digest);
            assertThat(blob.json().get("size").asLong()).isEqualTo(file.length);
            assertThat(blob.json().get("architecture").asText()).isEqualTo("llama");
            assertThat(blob.json().get("tensorCount").asInt()).isEqualTo(tensors);
        }
        byte[] stored = Files.readAllBytes(bucketFile(digest));
        assertThat(UploadClient.sha256(stored)).isEqualTo(digest);
        assertThat(stored).isEqualTo(file);
    }

    private void assertNothingStaged(String id) throws Exception {
        assertThat(stagingRows(id)).as("upload_s3_staging rows of " + id).isZero();
        try (var files = Files.walk(stack.bucket().getParent())) {
            assertThat(files.map(Path::toString).filter(p -> p.contains(id)).toList())
                    .as("objects of upload " + id + " left in the bucket").isEmpty();
        }
    }

    private int stagingRows(String id) throws Exception {
        try (Connection db = stack.db();
             PreparedStatement q = db.prepareStatement("SELECT count(*) FROM upload_s3_staging WHERE upload_id = ?")) {
            q.setObject(1, UUID.fromString(id));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** s3proxy's filesystem store keeps an object as a file named by its key, under the bucket's directory. */
    private Path bucketFile(String digest) {
        return stack.bucket().resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    private byte[] weights(String name, long seed) throws Exception {
        Path path = tmp.resolve(name + ".gguf");
        WEIGHTS.write(path, name, seed);
        return Files.readAllBytes(path);
    }

    private byte[] smaller(String name, long seed) throws Exception {
        Path path = tmp.resolve(name + ".gguf");
        SMALLER.write(path, name, seed);
        return Files.readAllBytes(path);
    }
}
