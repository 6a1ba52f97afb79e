package io.trace2train.backends.llamacpp.gguf;

/** The ggml tensor types this writer and reader handle, with their ids in a GGUF file and their block layout. */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    /** 32 weights per block: one F16 scale and 16 bytes of 4-bit values. */
    Q4_0(2, Q4Zero.BLOCK, 2 + Q4Zero.BLOCK / 2);

    final int id;
    final int blockSize;
    final int blockBytes;

    GgmlType(int id, int blockSize, int blockBytes) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** Bytes of {@code count} values (a whole number of blocks). */
    public long bytes(long count) {
        if (count % blockSize != 0) {
            throw new IllegalArgumentException(this + " stores values in blocks of " + blockSize + ", not " + count);
        }
        return count / blockSize * blockBytes;
    }

    static GgmlType ofId(int id) {
        for (GgmlType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new IllegalArgumentException("ggml type " + id + " is not one of F32, F16, Q4_0");
    }
}
