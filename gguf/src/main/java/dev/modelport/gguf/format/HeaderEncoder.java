package dev.modelport.gguf.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Serialises a header in GGUF v3 little-endian layout (ggml docs/gguf.md, "File Structure"). */
final class HeaderEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);

    /** Magic through the tensor infos, padded with zeros to the alignment. */
    static byte[] encode(GgufMetadata metadata, List<GgufTensorInfo> tensors) {
        HeaderEncoder e = new HeaderEncoder();
        e.u32(HeaderParser.MAGIC);
        e.u32(3);
        e.u64(tensors.size());
        e.u64(metadata.size());
        for (Map.Entry<String, GgufValue> kv : metadata.asMap().entrySet()) {
            e.string(kv.getKey().getBytes(StandardCharsets.UTF_8));
            e.u32(kv.getValue().type().code());
            e.value(kv.getValue());
        }
        for (GgufTensorInfo t : tensors) {
            e.string(t.name().getBytes(StandardCharsets.UTF_8));
            e.u32(t.shape().rank());
            for (long d : t.shape().dims()) {
                e.u64(d);
            }
            e.u32(t.type().code());
            e.u64(t.offset());
        }
        int alignment = metadata.alignment();
        while (e.out.size() % alignment != 0) {
            e.out.write(0);
        }
        return e.out.toByteArray();
    }

    private void value(GgufValue v) {
        if (v instanceof GgufScalar) {
            scalar((GgufScalar) v);
        } else if (v instanceof GgufString) {
            string(((GgufString) v).rawBytes());
        } else {
            GgufArray a = (GgufArray) v;
            u32(a.elementType().code());
            u64(a.length());
            if (a.rawBytes() != null) {
                out.writeBytes(a.rawBytes());
            } else {
                for (GgufValue item : a.items()) {
                    value(item);
                }
            }
        }
    }

    private void scalar(GgufScalar s) {
        long bits = s.bits();
        for (int i = 0; i < s.type().fixedSize(); i++) {
            out.write((int) (bits >>> (8 * i)));
        }
    }

    private void string(byte[] bytes) {
        u64(bytes.length);
        out.writeBytes(bytes);
    }

    private void u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private void u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
