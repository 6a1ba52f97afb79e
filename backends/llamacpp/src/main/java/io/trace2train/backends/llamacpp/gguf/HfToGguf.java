package io.trace2train.backends.llamacpp.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a Hugging Face Llama or Qwen2 folder (config.json, *.safetensors, tokenizer.json, tokenizer_config.json)
 * to a GGUF file llama.cpp loads, as llama.cpp's convert_hf_to_gguf.py does: its hyper-parameters and tokenizer as
 * metadata, tensors under GGUF names, Llama's q/k rows permuted to llama.cpp's rotary layout. Matrices become Q4_0
 * or F16; norms and biases stay F32. With Q4_0 the token embeddings and output matrix stay F16: llama.cpp's own
 * quantiser keeps the output matrix at higher precision too (Q6_K) and the embeddings are looked up row by row.
 */
public final class HfToGguf {

    /** The weight types it writes. */
    public static final List<String> TYPES = List.of("Q4_0", "F16");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILE_TYPE_F16 = 1;
    private static final int FILE_TYPE_Q4_0 = 2;
    private static final int CHUNK_VALUES = 1 << 20;

    // GGUF token types
    private static final int NORMAL = 1;
    private static final int UNKNOWN = 2;
    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;
    private static final int UNUSED = 5;
    private static final int BYTE = 6;

    private HfToGguf() {
    }

    /**
     * @param type Q4_0 or F16, in any case
     * @throws IllegalArgumentException for an unknown type or a folder it cannot convert, naming file and field
     */
    public static void convert(Path folder, String type, Path file) throws IOException {
        String upper = type.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(upper)) {
            throw new IllegalArgumentException("cannot write GGUF weights as '" + type + "': expected one of " + TYPES);
        }
        GgmlType matrices = GgmlType.valueOf(upper);
        Config config = Config.read(folder.resolve("config.json"));
        GgufWriter gguf = new GgufWriter();
        String arch = config.arch;
        gguf.putString("general.architecture", arch);
        gguf.putString("general.name", config.name(folder));
        gguf.putUint32("general.file_type", matrices == GgmlType.Q4_0 ? FILE_TYPE_Q4_0 : FILE_TYPE_F16);
        gguf.putUint32(arch + ".context_length", config.integer("max_position_embeddings"));
        gguf.putUint32(arch + ".embedding_length", config.hidden);
        gguf.putUint32(arch + ".block_count", config.layers);
        gguf.putUint32(arch + ".feed_forward_length", config.integer("intermediate_size"));
        gguf.putUint32(arch + ".attention.head_count", config.heads);
        gguf.putUint32(arch + ".attention.head_count_kv", config.kvHeads);
        gguf.putFloat32(arch + ".rope.freq_base", (float) config.number("rope_theta", 10000));
        gguf.putFloat32(arch + ".attention.layer_norm_rms_epsilon", (float) config.number("rms_norm_eps", 1e-6));
        gguf.putUint32(arch + ".rope.dimension_count", config.headDim);
        if (config.headDim * config.heads != config.hidden) {
            gguf.putUint32(arch + ".attention.key_length", config.headDim);
            gguf.putUint32(arch + ".attention.value_length", config.headDim);
        }
        gguf.putUint32(arch + ".vocab_size", config.vocab);
        Tokenizer.read(folder, config).addTo(gguf);
        try (SafetensorsFolder weights = SafetensorsFolder.open(folder)) {
            addTensors(gguf, weights, config, matrices);
            gguf.write(file);
        }
    }

    private static void addTensors(GgufWriter gguf, SafetensorsFolder weights, Config config, GgmlType matrices) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("model.embed_tokens.weight", "token_embd.weight");
        for (int i = 0; i < config.layers; i++) {
            String hf = "model.layers." + i + ".";
            String gg = "blk." + i + ".";
            names.put(hf + "input_layernorm.weight", gg + "attn_norm.weight");
            for (String part : List.of("weight", "bias")) {
                names.put(hf + "self_attn.q_proj." + part, gg + "attn_q." + part);
                names.put(hf + "self_attn.k_proj." + part, gg + "attn_k." + part);
                names.put(hf + "self_attn.v_proj." + part, gg + "attn_v." + part);
            }
            names.put(hf + "self_attn.o_proj.weight", gg + "attn_output.weight");
            names.put(hf + "post_attention_layernorm.weight", gg + "ffn_norm.weight");
            names.put(hf + "mlp.gate_proj.weight", gg + "ffn_gate.weight");
            names.put(hf + "mlp.up_proj.weight", gg + "ffn_up.weight");
            names.put(hf + "mlp.down_proj.weight", gg + "ffn_down.weight");
        }
        names.put("model.norm.weight", "output_norm.weight");
        names.put("lm_head.weight", "output.weight");
        for (String name : weights.tensors().keySet()) {
            if (!names.containsKey(name) && !name.endsWith("rotary_emb.inv_freq")) {
                throw new IllegalArgumentException("the model's safetensors hold " + name + ", which a " + config.arch
                        + " model has no place for");
            }
        }
        names.forEach((hf, gg) -> {
            if (!weights.tensors().containsKey(hf)) {
                if (hf.endsWith(".bias") || hf.equals("lm_head.weight")) {
                    return;
                }
                weights.tensor(hf); // the error naming the missing tensor
            }
            SafetensorsFolder.Tensor tensor = weights.tensor(hf);
            boolean matrix = tensor.shape().length == 2;
            boolean keptF16 = gg.equals("token_embd.weight") || gg.equals("output.weight");
            GgmlType type = !matrix ? GgmlType.F32
                    : keptF16 || tensor.columns() % Q4Zero.BLOCK != 0 ? GgmlType.F16 : matrices;
            // HF rotates halves of each head; llama.cpp's llama rotates pairs: permute q and k rows (not qwen2)
            int group = !config.arch.equals("llama") ? 1
                    : hf.contains("q_proj.weight") || hf.contains("k_proj.weight") ? config.headDim : 1;
            long[] dims = matrix ? new long[] {tensor.shape()[1], tensor.shape()[0]} : new long[] {tensor.shape()[0]};
            gguf.addTensor(gg, dims, type, sink -> writeRows(tensor, type, group, sink));
        });
    }

    private static void writeRows(SafetensorsFolder.Tensor tensor, GgmlType type, int group, GgufWriter.Sink sink)
            throws IOException {
        int columns = tensor.columns();
        int rowsPerChunk = Math.max(group, CHUNK_VALUES / columns / group * group);
        for (long first = 0; first < tensor.rows(); first += rowsPerChunk) {
            int rows = (int) Math.min(rowsPerChunk, tensor.rows() - first);
            float[] values = SafetensorsFolder.rows(tensor, first, rows);
            if (group > 1) {
                values = permuteHeads(values, rows, columns, group);
            }
            ByteBuffer out = ByteBuffer.allocate((int) type.bytes(values.length)).order(ByteOrder.LITTLE_ENDIAN);
            switch (type) {
                case F32 -> out.asFloatBuffer().put(values);
                case F16 -> {
                    for (float value : values) {
                        out.putShort(Float.floatToFloat16(value));
                    }
                }
                case Q4_0 -> Q4Zero.quantize(values, 0, values.length, out);
            }
            out.position(0).limit(out.capacity());
            sink.write(out);
        }
    }

    /**
     * convert_hf_to_gguf.py's LlamaModel.permute: within each head of {@code headDim} rows, row {@code 2i + j} of the
     * result is row {@code j * headDim/2 + i} of the source.
     */
    static float[] permuteHeads(float[] values, int rows, int columns, int headDim) {
        float[] permuted = new float[values.length];
        int half = headDim / 2;
        for (int head = 0; head < rows; head += headDim) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < 2; j++) {
                    System.arraycopy(values, (head + j * half + i) * columns, permuted, (head + 2 * i + j) * columns,
                            columns);
                }
            }
        }
        return permuted;
    }

    /** What config.json says, checked: each error names the file and the field. */
    private static final class Config {
        final Path file;
        final JsonNode root;
        final String arch;
        final int hidden;
        final int layers;
        final int heads;
        final int kvHeads;
        final int headDim;
        final int vocab;

        private Config(Path file, JsonNode root) {
            this.file = file;
            this.root = root;
            String modelType = root.path("model_type").asText("");
            arch = switch (modelType) {
                case "llama", "mistral" -> "llama";
                case "qwen2" -> "qwen2";
                default -> throw new IllegalArgumentException(file + ": field model_type is '" + modelType
                        + "': the GGUF writer converts llama, mistral and qwen2 models");
            };
            JsonNode scaling = root.path("rope_scaling");
            if (!scaling.isMissingNode() && !scaling.isNull()) {
                throw new IllegalArgumentException(file + ": field rope_scaling is " + scaling
                        + ": the GGUF writer converts models without rope scaling");
            }
            hidden = integer("hidden_size");
            layers = integer("num_hidden_layers");
            heads = integer("num_attention_heads");
            kvHeads = root.has("num_key_value_heads") ? integer("num_key_value_heads") : heads;
            headDim = root.has("head_dim") ? integer("head_dim") : hidden / heads;
            vocab = integer("vocab_size");
        }

        static Config read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is missing: point at a Hugging Face model folder");
            }
            return new Config(file, JSON.readTree(file.toFile()));
        }

        int integer(String field) {
            JsonNode node = root.path(field);
            if (!node.canConvertToExactIntegral() || node.asLong() < 1 || node.asLong() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + ": field " + field + " is "
                        + (node.isMissingNode() ? "missing" : node.toString()) + ", expected a positive integer");
            }
            return node.asInt();
        }

        double number(String field, double fallback) {
            JsonNode node = root.path(field);
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            if (!node.isNumber() || !(node.asDouble() > 0)) {
                throw new IllegalArgumentException(file + ": field " + field + " is " + node
                        + ", expected a positive number");
            }
            return node.asDouble();
        }

        String name(Path folder) {
            String name = root.path("_name_or_path").asText("");
            return name.isEmpty() ? folder.toAbsolutePath().getFileName().toString() : name;
        }
    }

    /** The tokenizer as llama.cpp reads it: byte-level BPE ("gpt2") or SentencePiece-style BPE ("llama"). */
    private record Tokenizer(String model, String pre, List<String> tokens, int[] types, float[] scores,
            List<String> merges, Map<String, Long> specialIds, boolean addBos, boolean addEos, String chatTemplate) {

        static Tokenizer read(Path folder, Config config) throws IOException {
            Path file = folder.resolve("tokenizer.json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is missing: the GGUF file needs the model's tokenizer");
            }
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode model = root.path("model");
            if (!model.path("type").asText().equals("BPE")) {
                throw new IllegalArgumentException(file + ": field model.type is " + model.path("type")
                        + ": the GGUF writer converts BPE tokenizers");
            }
            boolean byteLevel = root.path("pre_tokenizer").toString().contains("\"ByteLevel\"");
            if (!byteLevel && !model.path("byte_fallback").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": field pre_tokenizer has no ByteLevel step and"
                        + " model.byte_fallback is not true: neither byte-level nor SentencePiece-style BPE");
            }
            int size = Math.max(config.vocab, model.path("vocab").size());
            String[] tokens = new String[size];
            int[] types = new int[size];
            model.path("vocab").properties().forEach(e -> place(file, tokens, types, e.getValue().asInt(),
                    e.getKey(), NORMAL));
            Map<String, Integer> ids = new HashMap<>();
            for (JsonNode added : root.path("added_tokens")) {
                place(file, tokens, types, added.path("id").asInt(), added.path("content").asText(),
                        added.path("special").asBoolean() ? CONTROL : USER_DEFINED);
            }
            for (int id = 0; id < size; id++) {
                if (tokens[id] == null) {
                    tokens[id] = "[PAD" + id + "]";
                    types[id] = UNUSED;
                }
                ids.put(tokens[id], id);
            }
            List<String> merges = new ArrayList<>();
            for (JsonNode merge : model.path("merges")) {
                merges.add(merge.isArray() ? merge.get(0).asText() + " " + merge.get(1).asText() : merge.asText());
            }
            float[] scores = null;
            if (!byteLevel) {
                // SentencePiece scores rank merges: a piece made by an earlier merge scores higher
                scores = new float[size];
                for (int rank = 0; rank < merges.size(); rank++) {
                    Integer id = ids.get(merges.get(rank).replace(" ", ""));
                    if (id != null && scores[id] == 0) {
                        scores[id] = -(rank + 1);
                    }
                }
                for (int id = 0; id < size; id++) {
                    if (types[id] == NORMAL && tokens[id].matches("<0x[0-9A-F]{2}>")) {
                        types[id] = BYTE;
                    }
                }
                String unk = model.path("unk_token").asText("");
                if (ids.containsKey(unk)) {
                    types[ids.get(unk)] = UNKNOWN;
                }
            }
            Path configFile = folder.resolve("tokenizer_config.json");
            JsonNode tokenizerConfig = Files.isRegularFile(configFile) ? JSON.readTree(configFile.toFile())
                    : JSON.createObjectNode();
            Map<String, Long> special = new java.util.LinkedHashMap<>();
            for (String role : List.of("bos", "eos", "unk", "pad")) {
                JsonNode token = tokenizerConfig.path(role + "_token");
                String text = token.isObject() ? token.path("content").asText() : token.asText("");
                if (ids.containsKey(text) && !text.isEmpty()) {
                    special.put(role, (long) ids.get(text));
                } else if (config.root.path(role + "_token_id").canConvertToExactIntegral()) {
                    special.put(role, config.root.path(role + "_token_id").asLong());
                } else if (config.root.path(role + "_token_id").isArray()) {
                    special.put(role, config.root.path(role + "_token_id").get(0).asLong());
                }
            }
            JsonNode template = tokenizerConfig.path("chat_template");
            String chatTemplate = template.isTextual() ? template.asText() : null;
            if (template.isArray()) {
                for (JsonNode named : template) {
                    if (named.path("name").asText().equals("default")) {
                        chatTemplate = named.path("template").asText();
                    }
                }
            }
            String pre = !byteLevel ? "default" : config.arch.equals("qwen2") ? "qwen2" : "gpt2";
            return new Tokenizer(byteLevel ? "gpt2" : "llama", pre, List.of(tokens), types, scores,
                    byteLevel ? merges : List.of(), special,
                    tokenizerConfig.path("add_bos_token").asBoolean(!byteLevel),
                    tokenizerConfig.path("add_eos_token").asBoolean(false), chatTemplate);
        }

        private static void place(Path file, String[] tokens, int[] types, int id, String text, int type) {
            if (id < 0 || id >= tokens.length) {
                throw new IllegalArgumentException(file + ": token '" + text + "' has id " + id + ", outside the"
                        + " vocabulary of " + tokens.length + " (config.json vocab_size)");
            }
            tokens[id] = text;
            types[id] = type;
        }

        void addTo(GgufWriter gguf) {
            gguf.putString("tokenizer.ggml.model", model);
            gguf.putString("tokenizer.ggml.pre", pre);
            gguf.putStrings("tokenizer.ggml.tokens", tokens);
            gguf.putInts("tokenizer.ggml.token_type", types);
            if (scores != null) {
                gguf.putFloats("tokenizer.ggml.scores", scores);
            }
            if (!merges.isEmpty()) {
                gguf.putStrings("tokenizer.ggml.merges", merges);
            }
            Map<String, String> keys = Map.of("bos", "bos_token_id", "eos", "eos_token_id", "unk",
                    "unknown_token_id", "pad", "padding_token_id");
            specialIds.forEach((role, id) -> gguf.putUint32("tokenizer.ggml." + keys.get(role), id));
            gguf.putBool("tokenizer.ggml.add_bos_token", addBos);
            gguf.putBool("tokenizer.ggml.add_eos_token", addEos);
            if (chatTemplate != null) {
                gguf.putString("tokenizer.chat_template", chatTemplate);
            }
        }
    }
}
