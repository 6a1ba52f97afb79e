package io.trace2train.backends.llamacpp.gguf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tensors of a model folder's {@code *.safetensors} files (one file or shards), read row by row as F32 so a
 * tensor of any size converts in bounded memory.
 */
final class SafetensorsFolder implements AutoCloseable {

    /** One tensor: where its bytes lie and how to read them. */
    record Tensor(String name, String dtype, long[] shape, FileChannel channel, long begin) {
        Tensor {
            requireNonNull(name, "name");
            requireNonNull(dtype, "dtype");
            shape = shape.clone();
            requireNonNull(channel, "channel");
        }

        long rows() {
            return shape.length == 1 ? 1 : shape[0];
        }

        int columns() {
            return (int) shape[shape.length - 1];
        }

        long count() {
            long count = 1;
            for (long dim : shape) {
                count *= dim;
            }
            return count;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private final Map<String, Tensor> tensors;
    private final List<FileChannel> channels;

    private SafetensorsFolder(Map<String, Tensor> tensors, List<FileChannel> channels) {
        this.tensors = tensors;
        this.channels = channels;
    }

    static SafetensorsFolder open(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + " has no *.safetensors file");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (Path file : files) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channels.add(channel);
                readHeader(file, channel, tensors);
            }
        } catch (IOException | RuntimeException e) {
            for (FileChannel channel : channels) {
                channel.close();
            }
            throw e;
        }
        return new SafetensorsFolder(tensors, channels);
    }

    private static void readHeader(Path file, FileChannel channel, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, length, 0, file);
        long headerLength = length.flip().getLong();
        if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > channel.size()) {
            throw new IllegalArgumentException(file + ": header length " + headerLength + " does not fit the file of "
                    + channel.size() + " bytes: not a safetensors file");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        readFully(channel, header, 8, file);
        JsonNode root = JSON.readTree(header.array());
        long dataStart = 8 + headerLength;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode node = entry.getValue();
            String where = file + ": tensor " + entry.getKey();
            String dtype = node.path("dtype").asText();
            if (!List.of("F32", "F16", "BF16").contains(dtype)) {
                throw new IllegalArgumentException(where + ": field dtype is '" + dtype + "', expected F32, F16 or BF16");
            }
            JsonNode shapeNode = node.path("shape");
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong();
            }
            JsonNode offsets = node.path("data_offsets");
            if (shape.length == 0 || shape.length > 2 || offsets.size() != 2) {
                throw new IllegalArgumentException(where + ": field shape/data_offsets: expected a 1- or 2-D tensor with"
                        + " two offsets, got shape " + shapeNode + " offsets " + offsets);
            }
            Tensor tensor = new Tensor(entry.getKey(), dtype, shape, channel, dataStart + offsets.get(0).asLong());
            long bytes = offsets.get(1).asLong() - offsets.get(0).asLong();
            if (bytes != tensor.count() * width(dtype) || tensor.begin() + bytes > channel.size()) {
                throw new IllegalArgumentException(where + ": field data_offsets " + offsets + " does not match shape "
                        + shapeNode + " of " + dtype + " in a file of " + channel.size() + " bytes");
            }
            if (tensors.put(entry.getKey(), tensor) != null) {
                throw new IllegalArgumentException(where + ": the tensor is in two files");
            }
        }
    }

    private static int width(String dtype) {
        return dtype.equals("F32") ? 4 : 2;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IllegalArgumentException(file + ": ends at byte " + at + ", inside its data");
            }
            at += read;
        }
    }

    Map<String, Tensor> tensors() {
        return tensors;
    }

    Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("the model's safetensors have no tensor " + name);
        }
        return tensor;
    }

    /** Rows {@code [first, first + rows)} of a tensor as F32 (a 1-D tensor is one row). */
    static float[] rows(Tensor tensor, long first, int rows) throws IOException {
        int columns = tensor.columns();
        int width = width(tensor.dtype());
        ByteBuffer bytes = ByteBuffer.allocate(rows * columns * width).order(ByteOrder.LITTLE_ENDIAN);
        readFully(tensor.channel(), bytes, tensor.begin() + first * columns * width, Path.of(tensor.name()));
        bytes.flip();
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (tensor.dtype()) {
                case "F32" -> bytes.getFloat();
                case "F16" -> Float.float16ToFloat(bytes.getShort());
                default -> Float.intBitsToFloat((bytes.getShort() & 0xFFFF) << 16);
            };
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        for (FileChannel channel : channels) {
            channel.close();
        }
    }
}
