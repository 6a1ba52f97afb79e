package io.trace2train.backends.llamacpp.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The bytes ggml's quantize_row_q4_0_ref writes, worked out by hand for one block. */
class Q4ZeroTest {

    @Test
    void aBlockGetsGgmlsScaleAndTruncatedClampedNibbles() {
        float[] x = new float[32];
        for (int j = 0; j < 32; j++) {
            x[j] = j - 16; // largest magnitude -16: d = -16 / -8 = 2, values scaled by 1/2
        }
        ByteBuffer out = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        Q4Zero.quantize(x, 0, 32, out);
        out.flip();
        assertEquals((short) 0x4000, out.getShort(), "the scale 2.0 as F16");
        for (int j = 0; j < 16; j++) {
            int low = (j + 1) / 2; // (j - 16) / 2 + 8.5, truncated
            int high = Math.min(15, 8 + (j + 1) / 2); // j / 2 + 8.5, truncated, at most 15
            assertEquals(low | high << 4, out.get() & 0xFF, "byte " + j);
        }
        float[] back = new float[32];
        Q4Zero.dequantize(out.flip().position(0), back, 0, 32);
        assertEquals(-16f, back[0], "the largest magnitude comes back exactly");
        assertEquals(14f, back[31], "the clamped top step");
    }

    @Test
    void anAllZeroBlockHasAZeroScaleAndComesBackZero() {
        ByteBuffer out = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        Q4Zero.quantize(new float[32], 0, 32, out);
        float[] back = new float[32];
        Q4Zero.dequantize(out.flip(), back, 0, 32);
        for (float value : back) {
            assertEquals(0, value, 0, "ggml's scale is -0.0 here: the values are (signed) zeros");
        }
    }
}
