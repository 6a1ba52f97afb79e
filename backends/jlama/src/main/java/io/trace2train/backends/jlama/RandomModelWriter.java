package io.trace2train.backends.jlama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a model folder of a real architecture's shape with random weights: the shape folder's config (with
 * overrides), its tokenizer files, and a safetensors file of Llama/Qwen2 tensors drawn from N(0, 0.02). For tests
 * (tiny models of the real layout) and benchmarks (a full-size model whose speed does not depend on the values).
 */
public final class RandomModelWriter {

    /** The weight types it writes. */
    public enum WeightType {
        F32(4), BF16(2);

        final int bytes;

        WeightType(int bytes) {
            this.bytes = bytes;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COPIED = List.of("tokenizer.json", "tokenizer_config.json",
            "generation_config.json");

    private RandomModelWriter() {
    }

    public static Path write(Path shape, Map<String, Object> overrides, WeightType type, long seed, Path folder)
            throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(shape.resolve("config.json").toFile());
        overrides.forEach((key, value) -> config.set(key, JSON.valueToTree(value)));
        Files.createDirectories(folder);
        JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("config.json").toFile(), config);
        for (String file : COPIED) {
            if (Files.isRegularFile(shape.resolve(file))) {
                Files.copy(shape.resolve(file), folder.resolve(file));
            }
        }
        writeWeights(tensors(config), type, new SplittableRandom(seed), folder.resolve("model.safetensors"));
        return folder;
    }

    /** Tensor names and shapes of a Llama-family decoder (Qwen2 adds the attention biases). */
    static Map<String, long[]> tensors(ObjectNode config) {
        long hidden = config.get("hidden_size").asLong();
        long inter = config.get("intermediate_size").asLong();
        long heads = config.get("num_attention_heads").asLong();
        long kvHeads = config.path("num_key_value_heads").asLong(heads);
        long headDim = config.has("head_dim") ? config.get("head_dim").asLong() : hidden / heads;
        long vocab = config.get("vocab_size").asLong();
        boolean biases = "qwen2".equals(config.path("model_type").asText());
        Map<String, long[]> tensors = new LinkedHashMap<>();
        tensors.put("model.embed_tokens.weight", new long[] {vocab, hidden});
        for (int i = 0; i < config.get("num_hidden_layers").asInt(); i++) {
            String p = "model.layers." + i + ".";
            tensors.put(p + "input_layernorm.weight", new long[] {hidden});
            tensors.put(p + "self_attn.q_proj.weight", new long[] {heads * headDim, hidden});
            tensors.put(p + "self_attn.k_proj.weight", new long[] {kvHeads * headDim, hidden});
            tensors.put(p + "self_attn.v_proj.weight", new long[] {kvHeads * headDim, hidden});
            if (biases) {
                tensors.put(p + "self_attn.q_proj.bias", new long[] {heads * headDim});
                tensors.put(p + "self_attn.k_proj.bias", new long[] {kvHeads * headDim});
                tensors.put(p + "self_attn.v_proj.bias", new long[] {kvHeads * headDim});
            }
            tensors.put(p + "self_attn.o_proj.weight", new long[] {hidden, heads * headDim});
            tensors.put(p + "post_attention_layernorm.weight", new long[] {hidden});
            tensors.put(p + "mlp.gate_proj.weight", new long[] {inter, hidden});
            tensors.put(p + "mlp.up_proj.weight", new long[] {inter, hidden});
            tensors.put(p + "mlp.down_proj.weight", new long[] {hidden, inter});
        }
        tensors.put("model.norm.weight", new long[] {hidden});
        if (!config.path("tie_word_embeddings").asBoolean(false)) {
            tensors.put("lm_head.weight", new long[] {vocab, hidden});
        }
        return tensors;
    }

    private static void writeWeights(Map<String, long[]> tensors, WeightType type, SplittableRandom random, Path file)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        List<Long> sizes = new ArrayList<>();
        for (Map.Entry<String, long[]> tensor : tensors.entrySet()) {
            long count = 1;
            for (long dim : tensor.getValue()) {
                count *= dim;
            }
            long bytes = count * type.bytes;
            ObjectNode entry = header.putObject(tensor.getKey());
            entry.put("dtype", type.name());
            entry.putPOJO("shape", tensor.getValue());
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
            sizes.add(count);
        }
        byte[] headerBytes = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padding = (8 - headerBytes.length % 8) % 8; // aligned data start, as safetensors writers do
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length + padding);
            out.write(length.array());
            out.write(headerBytes);
            out.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            int index = 0;
            for (Map.Entry<String, long[]> tensor : tensors.entrySet()) {
                boolean norm = tensor.getKey().endsWith("norm.weight");
                for (long i = 0; i < sizes.get(index); i++) {
                    float value = norm ? 1f : (float) (random.nextGaussian() * 0.02);
                    if (buffer.remaining() < 4) {
                        out.write(buffer.array(), 0, buffer.position());
                        buffer.clear();
                    }
                    if (type == WeightType.F32) {
                        buffer.putFloat(value);
                    } else {
                        buffer.putShort((short) (Float.floatToRawIntBits(value) + 0x8000 >>> 16));
                    }
                }
                index++;
            }
            out.write(buffer.array(), 0, buffer.position());
        }
    }
}
