package dev.modelport.gguf.digest;

import dev.modelport.gguf.format.ByteRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to build a target GGUF file from an installed one: copy every tensor whose digest the
 * installed file already has (whatever its name or position), and download everything else (the
 * header, padding, changed tensors) as ranges of the target file. Assemble in target-offset
 * order, then verify the target's whole-file SHA-256 before use.
 *
 * @param fetch  ranges of the target file to download, ascending and coalesced
 * @param reuse  tensors to copy from the installed file
 */
public record DeltaPlan(List<ByteRange> fetch, List<Copy> reuse) {

    /** Copy {@code length} bytes from {@code installedOffset} of the installed file to {@code targetOffset}. */
    public record Copy(String tensor, long installedOffset, long targetOffset, long length) {
    }

    public DeltaPlan {
        fetch = List.copyOf(fetch);
        reuse = List.copyOf(reuse);
    }

    public long fetchBytes() {
        return fetch.stream().mapToLong(ByteRange::length).sum();
    }

    static DeltaPlan between(GgufManifest installed, GgufManifest target) {
        Map<String, ByteRange> have = new HashMap<>();
        for (TensorDigest t : installed.tensors()) {
            have.putIfAbsent(t.sha256() + "/" + t.range().length(), t.range());
        }
        List<ByteRange> fetch = new ArrayList<>();
        List<Copy> reuse = new ArrayList<>();
        long cursor = 0; // everything before cursor is planned
        for (TensorDigest t : target.tensors()) {
            ByteRange old = have.get(t.sha256() + "/" + t.range().length());
            if (old == null) {
                continue; // downloaded together with the gap before it
            }
            add(fetch, cursor, t.range().offset());
            reuse.add(new Copy(t.name(), old.offset(), t.range().offset(), t.range().length()));
            cursor = t.range().end();
        }
        add(fetch, cursor, target.fileSize());
        return new DeltaPlan(fetch, reuse);
    }

    private static void add(List<ByteRange> fetch, long from, long to) {
        if (to > from) {
            fetch.add(new ByteRange(from, to - from));
        }
    }
}
