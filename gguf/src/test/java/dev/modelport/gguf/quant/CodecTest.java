package dev.modelport.gguf.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.format.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void roundfRoundsHalfAwayFromZeroUnlikeMathRound() {
        assertThat(Q8_0Codec.roundf(2.5f)).isEqualTo(3);
        assertThat(Q8_0Codec.roundf(-2.5f)).isEqualTo(-3);
        assertThat(Math.round(-2.5f)).isEqualTo(-2);
        assertThat(Q8_0Codec.roundf(-0.5f)).isEqualTo(-1);
        assertThat(Q8_0Codec.roundf(0.49999997f)).isEqualTo(0);
        assertThat(Q8_0Codec.roundf(-126.5f)).isEqualTo(-127);
    }

    @Test
    void roundfAgreesWithItsDefinitionAroundEveryTieAndOnRandomValues() {
        for (int k = -128; k < 128; k++) {
            float v = Math.nextDown(Math.nextDown(Math.nextDown(k + 0.5f)));
            for (int i = 0; i < 7; i++, v = Math.nextUp(v)) {
                assertThat(Q8_0Codec.roundf(v)).as("roundf(%s)", v).isEqualTo(roundfDefinition(v));
            }
        }
        Random r = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            float v = (r.nextFloat() * 2 - 1) * 128;
            assertThat(Q8_0Codec.roundf(v)).isEqualTo(roundfDefinition(v));
        }
    }

    /** C roundf by definition: magnitude rounded half up, sign restored. */
    private static int roundfDefinition(float v) {
        return (int) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
    }

    @Test
    void q8_0DequantizesWithinHalfAStep() {
        float[] x = randomBlocks(4, 1);
        float[] back = roundTrip(GgmlType.Q8_0, x);
        for (int b = 0; b < x.length; b += 32) {
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[b + j]));
            }
            float step = amax / 127;
            for (int j = 0; j < 32; j++) {
                assertThat(Math.abs(back[b + j] - x[b + j])).isLessThanOrEqualTo(step * 0.6f);
            }
        }
    }

    @Test
    void q4_0DequantizesWithinOneStepAndKeepsTheLargestValue() {
        float[] x = randomBlocks(4, 2);
        float[] back = roundTrip(GgmlType.Q4_0, x);
        for (int b = 0; b < x.length; b += 32) {
            float max = 0;
            for (int j = 0; j < 32; j++) {
                if (Math.abs(x[b + j]) > Math.abs(max)) {
                    max = x[b + j];
                }
            }
            float step = Math.abs(max) / 8;
            for (int j = 0; j < 32; j++) {
                assertThat(Math.abs(back[b + j] - x[b + j])).isLessThanOrEqualTo(step * 0.6f);
            }
        }
    }

    @Test
    void allZeroQ4_0BlockStoresNegativeZeroScaleAsGgmlDoes() {
        ByteBuffer out = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        Codecs.of(GgmlType.Q4_0).orElseThrow().encode(new float[32], 32, out);
        assertThat(out.getShort(0)).isEqualTo((short) 0x8000);
        assertThat(out.get(2)).isEqualTo((byte) 0x88);
    }

    @Test
    void f16AndBf16DecodeExactly() {
        float[] x = {1.0f, -2.5f, 0x1p-24f, 65504f, 0.1f, 3.0f, -0.0f, 1024f};
        assertThat(roundTrip(GgmlType.F16, x)).containsExactly(
                1.0f, -2.5f, 0x1p-24f, 65504f, Fp16.toFloat(Fp16.fromFloat(0.1f)), 3.0f, -0.0f, 1024f);
        assertThat(roundTrip(GgmlType.BF16, new float[] {1.0f, -3.0f})).containsExactly(1.0f, -3.0f);
    }

    private static float[] roundTrip(GgmlType type, float[] x) {
        BlockCodec codec = Codecs.of(type).orElseThrow();
        ByteBuffer buf = ByteBuffer.allocate((int) codec.bytesFor(x.length)).order(ByteOrder.LITTLE_ENDIAN);
        codec.encode(x, x.length, buf);
        buf.flip();
        float[] back = new float[x.length];
        codec.decode(buf, back, x.length);
        return back;
    }

    private static float[] randomBlocks(int blocks, long seed) {
        Random r = new Random(seed);
        float[] x = new float[blocks * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * (1 + i / 32);
        }
        return x;
    }
}
