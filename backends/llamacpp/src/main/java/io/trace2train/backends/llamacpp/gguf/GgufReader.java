package io.trace2train.backends.llamacpp.gguf;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GGUF file's metadata and tensor descriptions, and a tensor's values as F32 (F32, F16 and Q4_0 tensors).
 * Integers come back as {@code Long}, floats as {@code Double}, arrays as lists.
 */
public final class GgufReader {

    /** A tensor's description; {@code offset} is from the start of the file. */
    public record TensorInfo(String name, long[] dims, GgmlType type, long offset) {
        public TensorInfo {
            requireNonNull(name, "name");
            dims = dims.clone();
            requireNonNull(type, "type");
        }

        public long count() {
            long count = 1;
            for (long dim : dims) {
                count *= dim;
            }
            return count;
        }
    }

    private static final long MAX_COUNT = 1L << 28;

    private final Path file;
    private final long version;
    private final Map<String, Object> metadata;
    private final Map<String, TensorInfo> tensors;

    private GgufReader(Path file, long version, Map<String, Object> metadata, Map<String, TensorInfo> tensors) {
        this.file = file;
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    /** Reads the header. @throws IllegalArgumentException naming the file, byte and field that are wrong */
    public static GgufReader open(Path file) throws IOException {
        try (Input in = new Input(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int magic = (int) in.u32("magic");
            if (magic != GgufWriter.MAGIC) {
                throw in.error("magic", "is 0x" + Integer.toHexString(magic) + ", not GGUF's: not a GGUF file");
            }
            long version = in.u32("version");
            if (version != 2 && version != 3) {
                throw in.error("version", "is " + version + ", this reader knows versions 2 and 3");
            }
            long tensorCount = in.count("tensor_count");
            long kvCount = in.count("metadata_kv_count");
            Map<String, Object> metadata = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = in.string("metadata key " + i);
                metadata.put(key, in.value(key, (int) in.u32(key + " type")));
            }
            List<TensorInfo> infos = new ArrayList<>();
            for (long i = 0; i < tensorCount; i++) {
                String name = in.string("tensor " + i + " name");
                long dimCount = in.u32(name + " n_dims");
                if (dimCount < 1 || dimCount > 4) {
                    throw in.error(name + " n_dims", "is " + dimCount + ", expected 1 to 4");
                }
                long[] dims = new long[(int) dimCount];
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = in.count(name + " dim " + d);
                }
                int typeId = (int) in.u32(name + " type");
                GgmlType type;
                try {
                    type = GgmlType.ofId(typeId);
                } catch (IllegalArgumentException e) {
                    throw in.error(name + " type", e.getMessage());
                }
                infos.add(new TensorInfo(name, dims, type, in.u64(name + " offset")));
            }
            long alignment = metadata.get("general.alignment") instanceof Long a ? a : GgufWriter.ALIGNMENT;
            long dataStart = (in.position + alignment - 1) / alignment * alignment;
            long size = Files.size(file);
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            for (TensorInfo info : infos) {
                TensorInfo placed = new TensorInfo(info.name(), info.dims(), info.type(), dataStart + info.offset());
                if (info.offset() % alignment != 0 || placed.offset() + info.type().bytes(info.count()) > size) {
                    throw new IllegalArgumentException(file + ": tensor " + info.name() + ": field offset "
                            + info.offset() + " is not aligned to " + alignment + " or its data runs past the end");
                }
                tensors.put(info.name(), placed);
            }
            return new GgufReader(file, version, metadata, tensors);
        }
    }

    public long version() {
        return version;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** A tensor's values, dequantised to F32. */
    public float[] values(String name) throws IOException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException(file + " has no tensor " + name);
        }
        if (info.count() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(file + ": tensor " + name + " is too large to read whole");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) info.type().bytes(info.count())).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = info.offset();
            while (bytes.hasRemaining()) {
                int read = channel.read(bytes, at);
                if (read < 0) {
                    throw new EOFException(file + ": tensor " + name + " runs past the end");
                }
                at += read;
            }
        }
        bytes.flip();
        float[] values = new float[(int) info.count()];
        switch (info.type()) {
            case F32 -> bytes.asFloatBuffer().get(values);
            case F16 -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.float16ToFloat(bytes.getShort());
                }
            }
            case Q4_0 -> Q4Zero.dequantize(bytes, values, 0, values.length);
        }
        return values;
    }

    /** Little-endian reads that know where they are, for errors that say so. */
    private static final class Input implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private long position;

        Input(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        IllegalArgumentException error(String field, String problem) {
            return new IllegalArgumentException(file + ": byte " + position + ": field " + field + " " + problem);
        }

        private byte[] bytes(int count, String field) throws IOException {
            byte[] bytes = in.readNBytes(count);
            if (bytes.length != count) {
                throw error(field, "is cut off: the file ends at byte " + (position + bytes.length));
            }
            position += count;
            return bytes;
        }

        long u32(String field) throws IOException {
            return ByteBuffer.wrap(bytes(4, field)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
        }

        long u64(String field) throws IOException {
            return ByteBuffer.wrap(bytes(8, field)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }

        /** A count or size: non-negative and small enough to be real. */
        long count(String field) throws IOException {
            long value = u64(field);
            if (value < 0 || value > MAX_COUNT * 16) {
                throw error(field, "is " + value + ", not a plausible count");
            }
            return value;
        }

        String string(String field) throws IOException {
            long length = u64(field + " length");
            if (length < 0 || length > MAX_COUNT) {
                throw error(field, "has length " + length + ", not a plausible string");
            }
            return new String(bytes((int) length, field), StandardCharsets.UTF_8);
        }

        Object value(String key, int type) throws IOException {
            return switch (type) {
                case 0, 1 -> (long) (type == 0 ? bytes(1, key)[0] & 0xFF : bytes(1, key)[0]);
                case 2, 3 -> {
                    short s = ByteBuffer.wrap(bytes(2, key)).order(ByteOrder.LITTLE_ENDIAN).getShort();
                    yield (long) (type == 2 ? s & 0xFFFF : s);
                }
                case 4 -> u32(key);
                case 5 -> (long) (int) u32(key);
                case 6 -> (double) Float.intBitsToFloat((int) u32(key));
                case 7 -> bytes(1, key)[0] != 0;
                case 8 -> string(key);
                case 9 -> {
                    int elementType = (int) u32(key + " element type");
                    long count = count(key + " count");
                    if (elementType == 9 || count > MAX_COUNT) {
                        throw error(key, "is an array of type " + elementType + " and " + count + " elements");
                    }
                    List<Object> values = new ArrayList<>();
                    for (long i = 0; i < count; i++) {
                        values.add(value(key, elementType));
                    }
                    yield values;
                }
                case 10, 11 -> u64(key);
                case 12 -> Double.longBitsToDouble(u64(key));
                default -> throw error(key + " type", "is " + type + ", not a GGUF metadata type");
            };
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
