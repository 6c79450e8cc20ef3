package dev.modelport.gguf.quant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Fp16Test {

    @Test
    void convertsKnownValues() {
        assertThat(Fp16.fromFloat(1.0f)).isEqualTo((short) 0x3C00);
        assertThat(Fp16.fromFloat(-2.0f)).isEqualTo((short) 0xC000);
        assertThat(Fp16.fromFloat(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(Fp16.fromFloat(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(Fp16.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(Fp16.fromFloat(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7C00);
        assertThat(Fp16.fromFloat(Float.NaN)).isEqualTo((short) 0x7E00);
    }

    @Test
    void roundsHalfwayCasesToEvenIncludingSubnormalsAndOverflow() {
        assertThat(Fp16.fromFloat(1.0f + 0x1p-11f)).isEqualTo((short) 0x3C00); // tie, down to even
        assertThat(Fp16.fromFloat(1.0f + 3 * 0x1p-11f)).isEqualTo((short) 0x3C02); // tie, up to even
        assertThat(Fp16.fromFloat(0x1p-25f)).isEqualTo((short) 0x0000); // half the smallest subnormal
        assertThat(Fp16.fromFloat(3 * 0x1p-25f)).isEqualTo((short) 0x0002);
        assertThat(Fp16.fromFloat(65520f)).isEqualTo((short) 0x7C00); // tie past the largest finite
        assertThat(Fp16.fromFloat(Math.nextDown(65520f))).isEqualTo((short) 0x7BFF);
    }

    @Test
    void everyHalfRoundTripsAndEveryMidpointRoundsToEven() {
        for (int h = 0; h < 0x7C00; h++) {
            float v = Fp16.toFloat((short) h);
            assertThat(Fp16.fromFloat(v)).isEqualTo((short) h);
            assertThat(Fp16.fromFloat(-v)).isEqualTo((short) (h | 0x8000));
            if (h == 0x7BFF) {
                break; // the largest finite half has no finite neighbour above
            }
            float next = Fp16.toFloat((short) (h + 1));
            float mid = (v + next) / 2; // exact: floats have 13 more mantissa bits than halves
            int even = (h & 1) == 0 ? h : h + 1;
            assertThat(Fp16.fromFloat(mid) & 0xFFFF).as("midpoint above %04x", h).isEqualTo(even);
            assertThat(Fp16.fromFloat(Math.nextDown(mid)) & 0xFFFF).isEqualTo(h);
            assertThat(Fp16.fromFloat(Math.nextUp(mid)) & 0xFFFF).isEqualTo(h + 1);
        }
    }

    @Test
    void bf16RoundsToNearestEvenAndKeepsNaN() {
        assertThat(Bf16.fromFloat(1.0f)).isEqualTo((short) 0x3F80);
        assertThat(Bf16.fromFloat(Float.intBitsToFloat(0x3F80_8000))).isEqualTo((short) 0x3F80); // tie to even
        assertThat(Bf16.fromFloat(Float.intBitsToFloat(0x3F81_8000))).isEqualTo((short) 0x3F82);
        assertThat(Float.isNaN(Bf16.toFloat(Bf16.fromFloat(Float.NaN)))).isTrue();
        assertThat(Bf16.toFloat((short) 0xC040)).isEqualTo(-3.0f);
    }
}
