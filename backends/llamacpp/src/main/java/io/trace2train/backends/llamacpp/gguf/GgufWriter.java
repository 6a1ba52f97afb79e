package io.trace2train.backends.llamacpp.gguf;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a GGUF version 3 file: metadata key-values, tensor descriptions, then each tensor's data at a multiple of
 * the alignment (32). Tensor data is produced while writing, so a model of any size passes in bounded memory; the
 * file appears whole or not at all.
 */
public final class GgufWriter {

    /** Writes a tensor's bytes: exactly its type's size of its element count, little-endian. */
    @FunctionalInterface
    public interface TensorData {
        void writeTo(Sink sink) throws IOException;
    }

    /** Where tensor data goes. */
    public interface Sink {
        void write(ByteBuffer bytes) throws IOException;
    }

    static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian int
    static final int VERSION = 3;
    static final int ALIGNMENT = 32;

    // GGUF metadata value types
    static final int UINT32 = 4;
    static final int INT32 = 5;
    static final int FLOAT32 = 6;
    static final int BOOL = 7;
    static final int STRING = 8;
    static final int ARRAY = 9;

    private record Entry(String key, int type, Object value, int elementType) {
        Entry {
            requireNonNull(key, "key");
            requireNonNull(value, "value");
        }
    }

    private record Planned(String name, long[] dims, GgmlType type, TensorData data) {
        long count() {
            long count = 1;
            for (long dim : dims) {
                count *= dim;
            }
            return count;
        }
    }

    private final List<Entry> metadata = new ArrayList<>();
    private final List<Planned> tensors = new ArrayList<>();

    public GgufWriter putString(String key, String value) {
        metadata.add(new Entry(key, STRING, value, 0));
        return this;
    }

    public GgufWriter putUint32(String key, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(key + ": " + value + " does not fit an unsigned 32-bit value");
        }
        metadata.add(new Entry(key, UINT32, value, 0));
        return this;
    }

    public GgufWriter putFloat32(String key, float value) {
        metadata.add(new Entry(key, FLOAT32, value, 0));
        return this;
    }

    public GgufWriter putBool(String key, boolean value) {
        metadata.add(new Entry(key, BOOL, value, 0));
        return this;
    }

    public GgufWriter putStrings(String key, List<String> values) {
        metadata.add(new Entry(key, ARRAY, List.copyOf(values), STRING));
        return this;
    }

    public GgufWriter putFloats(String key, float[] values) {
        metadata.add(new Entry(key, ARRAY, values.clone(), FLOAT32));
        return this;
    }

    public GgufWriter putInts(String key, int[] values) {
        metadata.add(new Entry(key, ARRAY, values.clone(), INT32));
        return this;
    }

    /**
     * @param dims ggml's order: the fastest-varying (a row's length) first, the reverse of PyTorch's shape
     */
    public GgufWriter addTensor(String name, long[] dims, GgmlType type, TensorData data) {
        tensors.add(new Planned(requireNonNull(name, "name"), dims.clone(), requireNonNull(type, "type"),
                requireNonNull(data, "data")));
        return this;
    }

    /** Writes the file (replacing {@code file} only once it is complete). */
    public void write(Path file) throws IOException {
        Path temporary = AtomicFiles.temporary(file);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20)) {
                Header header = new Header();
                header.int32(MAGIC).int32(VERSION).int64(tensors.size()).int64(metadata.size() + 1L);
                header.string("general.alignment").int32(UINT32).int32(ALIGNMENT);
                for (Entry entry : metadata) {
                    header.string(entry.key()).int32(entry.type());
                    header.value(entry.type(), entry.value(), entry.elementType());
                }
                long offset = 0;
                for (Planned tensor : tensors) {
                    header.string(tensor.name()).int32(tensor.dims().length);
                    for (long dim : tensor.dims()) {
                        header.int64(dim);
                    }
                    header.int32(tensor.type().id).int64(offset);
                    offset = align(offset + tensor.type().bytes(tensor.count()));
                }
                header.pad();
                out.write(header.bytes.array(), 0, header.bytes.position());
                for (Planned tensor : tensors) {
                    long expected = tensor.type().bytes(tensor.count());
                    long[] written = {0};
                    tensor.data().writeTo(bytes -> {
                        written[0] += bytes.remaining();
                        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                        bytes.position(bytes.limit());
                    });
                    if (written[0] != expected) {
                        throw new IllegalStateException("tensor " + tensor.name() + ": wrote " + written[0]
                                + " bytes, its type and shape take " + expected);
                    }
                    out.write(new byte[(int) (align(expected) - expected)]);
                }
            }
            AtomicFiles.publish(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** The header, built in memory (a large vocabulary's tokens and merges take a few MB). */
    private static final class Header {
        private ByteBuffer bytes = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private ByteBuffer room(int needed) {
            if (bytes.remaining() < needed) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + needed))
                        .order(ByteOrder.LITTLE_ENDIAN);
                bytes.flip();
                larger.put(bytes);
                bytes = larger;
            }
            return bytes;
        }

        Header int32(int value) {
            room(4).putInt(value);
            return this;
        }

        Header int64(long value) {
            room(8).putLong(value);
            return this;
        }

        Header string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            room(8 + utf8.length).putLong(utf8.length).put(utf8);
            return this;
        }

        void value(int type, Object value, int elementType) {
            switch (type) {
                case UINT32 -> int32((int) (long) (Long) value);
                case FLOAT32 -> room(4).putFloat((Float) value);
                case BOOL -> room(1).put((byte) ((Boolean) value ? 1 : 0));
                case STRING -> string((String) value);
                case ARRAY -> {
                    int32(elementType);
                    switch (elementType) {
                        case STRING -> {
                            List<?> strings = (List<?>) value;
                            int64(strings.size());
                            strings.forEach(s -> string((String) s));
                        }
                        case FLOAT32 -> {
                            float[] floats = (float[]) value;
                            int64(floats.length);
                            for (float f : floats) {
                                room(4).putFloat(f);
                            }
                        }
                        default -> {
                            int[] ints = (int[]) value;
                            int64(ints.length);
                            for (int i : ints) {
                                int32(i);
                            }
                        }
                    }
                }
                default -> throw new IllegalStateException("metadata type " + type);
            }
        }

        void pad() {
            int padding = (int) (align(bytes.position()) - bytes.position());
            room(padding).put(new byte[padding]);
        }
    }
}
