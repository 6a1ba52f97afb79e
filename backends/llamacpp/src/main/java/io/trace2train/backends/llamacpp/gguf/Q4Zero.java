package io.trace2train.backends.llamacpp.gguf;

import java.nio.ByteBuffer;

/**
 * ggml's Q4_0: blocks of 32 weights, one F16 scale {@code d} and 4-bit values {@code q}, a weight being
 * {@code (q - 8) * d}. A port of ggml's {@code quantize_row_q4_0_ref}, so our files hold the bytes llama.cpp's own
 * quantiser writes: the scale is the block's largest-magnitude weight over -8 (that weight maps exactly to q = 0),
 * values are scaled by the F32 reciprocal (not the rounded F16 scale) and truncated after adding 8.5.
 */
public final class Q4Zero {

    /** Weights per block. */
    public static final int BLOCK = 32;

    private Q4Zero() {
    }

    /** Quantises {@code count} values (a multiple of 32) from {@code x[offset]} into {@code out}, block after block. */
    public static void quantize(float[] x, int offset, int count, ByteBuffer out) {
        if (count % BLOCK != 0) {
            throw new IllegalArgumentException("Q4_0 quantises rows of a multiple of 32 values, not " + count);
        }
        for (int block = offset; block < offset + count; block += BLOCK) {
            float amax = 0;
            float max = 0;
            for (int j = 0; j < BLOCK; j++) {
                float v = x[block + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0 ? 1.0f / d : 0.0f;
            out.putShort(Float.floatToFloat16(d));
            for (int j = 0; j < BLOCK / 2; j++) {
                float x0 = x[block + j] * id;
                float x1 = x[block + BLOCK / 2 + j] * id;
                // (int8_t) truncates toward zero, as Java's cast does; x0 + 8.5 lies in [0.5, 16.5]
                int q0 = Math.min(15, (int) (x0 + 8.5f));
                int q1 = Math.min(15, (int) (x1 + 8.5f));
                out.put((byte) (q0 | q1 << 4));
            }
        }
    }

    /** Dequantises {@code count} values from {@code in} into {@code x[offset]}: ggml's dequantize_row_q4_0. */
    public static void dequantize(ByteBuffer in, float[] x, int offset, int count) {
        for (int block = offset; block < offset + count; block += BLOCK) {
            float d = Float.float16ToFloat(in.getShort());
            for (int j = 0; j < BLOCK / 2; j++) {
                int packed = in.get() & 0xFF;
                x[block + j] = ((packed & 0x0F) - 8) * d;
                x[block + BLOCK / 2 + j] = ((packed >>> 4) - 8) * d;
            }
        }
    }
}
