package dev.modelport.gguf.quant;

import dev.modelport.gguf.format.GgmlType;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The tensor types we can read as floats and write from floats. */
public final class Codecs {
    private static final Map<GgmlType, BlockCodec> CODECS = new EnumMap<>(GgmlType.class);

    static {
        for (BlockCodec c : new BlockCodec[] {new F32(), new F16(), new BF16(), new Q8_0Codec(), new Q4_0Codec()}) {
            CODECS.put(c.type(), c);
        }
    }

    private Codecs() {
    }

    public static Optional<BlockCodec> of(GgmlType type) {
        return Optional.ofNullable(CODECS.get(type));
    }

    public static boolean supports(GgmlType type) {
        return CODECS.containsKey(type);
    }

    private static final class F32 implements BlockCodec {
        @Override
        public GgmlType type() {
            return GgmlType.F32;
        }

        @Override
        public void decode(ByteBuffer src, float[] dst, int count) {
            src.asFloatBuffer().get(dst, 0, count);
            src.position(src.position() + 4 * count);
        }

        @Override
        public void encode(float[] src, int count, ByteBuffer dst) {
            dst.asFloatBuffer().put(src, 0, count);
            dst.position(dst.position() + 4 * count);
        }
    }

    private static final class F16 implements BlockCodec {
        @Override
        public GgmlType type() {
            return GgmlType.F16;
        }

        @Override
        public void decode(ByteBuffer src, float[] dst, int count) {
            for (int i = 0; i < count; i++) {
                dst[i] = Fp16.toFloat(src.getShort());
            }
        }

        @Override
        public void encode(float[] src, int count, ByteBuffer dst) {
            for (int i = 0; i < count; i++) {
                dst.putShort(Fp16.fromFloat(src[i]));
            }
        }
    }

    private static final class BF16 implements BlockCodec {
        @Override
        public GgmlType type() {
            return GgmlType.BF16;
        }

        @Override
        public void decode(ByteBuffer src, float[] dst, int count) {
            for (int i = 0; i < count; i++) {
                dst[i] = Bf16.toFloat(src.getShort());
            }
        }

        @Override
        public void encode(float[] src, int count, ByteBuffer dst) {
            for (int i = 0; i < count; i++) {
                dst.putShort(Bf16.fromFloat(src[i]));
            }
        }
    }
}
