package io.trace2train.backends.llamacpp.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stories260K (a real Llama checkpoint) written as GGUF, read back by our reader and loaded by llama.cpp. */
class HfToGgufTest {

    private static final Path STORIES = ExampleData.model("stories260K");

    @TempDir
    Path dir;

    @Test
    void q4FileReadsBackWithTheModelsMetadataTokenizerAndWeightsWithinQ4Error() throws Exception {
        Path file = dir.resolve("stories.gguf");
        HfToGguf.convert(STORIES, "q4_0", file);
        GgufReader gguf = GgufReader.open(file);
        assertEquals(3, gguf.version());
        var meta = gguf.metadata();
        assertEquals("llama", meta.get("general.architecture"));
        assertEquals(32L, meta.get("general.alignment"));
        assertEquals(2L, meta.get("general.file_type"));
        assertEquals(128L, meta.get("llama.embedding_length"));
        assertEquals(5L, meta.get("llama.block_count"));
        assertEquals(4L, meta.get("llama.attention.head_count_kv"));
        assertEquals(16L, meta.get("llama.rope.dimension_count"));
        assertEquals(5e-6, (double) meta.get("llama.attention.layer_norm_rms_epsilon"), 1e-12);
        assertEquals("llama", meta.get("tokenizer.ggml.model"));
        List<?> tokens = (List<?>) meta.get("tokenizer.ggml.tokens");
        assertEquals(512, tokens.size());
        assertEquals("<s>", tokens.get(1));
        assertEquals(1L, meta.get("tokenizer.ggml.bos_token_id"));
        assertEquals(2L, meta.get("tokenizer.ggml.eos_token_id"));
        List<?> types = (List<?>) meta.get("tokenizer.ggml.token_type");
        assertEquals(List.of(2L, 3L, 3L, 6L), types.subList(0, 4), "unk, bos, eos, the first byte token");

        // 9 tensors per layer, embeddings and the final norm; tied embeddings: no output matrix
        assertEquals(5 * 9 + 2, gguf.tensors().size());
        assertEquals(GgmlType.F16, gguf.tensors().get("token_embd.weight").type());
        assertEquals(GgmlType.F32, gguf.tensors().get("blk.0.attn_norm.weight").type());
        var down = gguf.tensors().get("blk.4.ffn_down.weight");
        assertEquals(GgmlType.Q4_0, down.type());
        assertEquals(List.of(192L, 128L), List.of(down.dims()[0], down.dims()[1]), "ggml order: a row first");

        try (SafetensorsFolder source = SafetensorsFolder.open(STORIES)) {
            var tensor = source.tensor("model.layers.4.mlp.down_proj.weight");
            float[] original = SafetensorsFolder.rows(tensor, 0, (int) tensor.rows());
            float[] read = gguf.values("blk.4.ffn_down.weight");
            assertWithinQ4Error(original, read);
            // llama's q rows are permuted per head: row 1 of the file is row headDim/2 of the source
            var q = source.tensor("model.layers.0.self_attn.q_proj.weight");
            float[] qSource = SafetensorsFolder.rows(q, 8, 1);
            float[] qRead = gguf.values("blk.0.attn_q.weight");
            float[] row1 = java.util.Arrays.copyOfRange(qRead, 128, 256);
            assertWithinQ4Error(qSource, row1);
        }
    }

    @Test
    void llamaCppLoadsTheQ4AndF16FilesAndGeneratesTheSameGreedyStory() throws Exception {
        String[] stories = new String[2];
        int index = 0;
        for (String type : List.of("Q4_0", "F16")) {
            Path file = dir.resolve("stories-" + type + ".gguf");
            HfToGguf.convert(STORIES, type, file);
            try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString()).setThreads(1)
                    .setCtxSize(256))) {
                stories[index++] = model.complete(new InferenceParameters("Once upon a time").setTemperature(0)
                        .setNPredict(24).setSeed(1));
            }
        }
        // stories260K writes English: most of its words are real, so the tokenizer and weights are wired right
        assertTrue(stories[1].split(" ").length > 10, stories[1]);
        assertTrue(stories[1].contains(" the ") || stories[1].contains(" was "), stories[1]);
        assertTrue(stories[0].split(" ").length > 10, stories[0]);
    }

    @Test
    void aModelTypeItCannotConvertIsAClearErrorNamingTheField() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("gpt"));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"gpt_neox\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HfToGguf.convert(folder, "Q4_0", dir.resolve("x.gguf")));
        assertTrue(e.getMessage().contains("config.json: field model_type is 'gpt_neox'"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("x.gguf")));
    }

    /** Q4_0's error: half a step of the block's scale (its largest magnitude / 8), plus the F16 rounding of it. */
    static void assertWithinQ4Error(float[] original, float[] read) {
        assertEquals(original.length, read.length);
        for (int block = 0; block < original.length; block += 32) {
            float amax = 0;
            float max = 0;
            for (int j = 0; j < 32; j++) {
                if (Math.abs(original[block + j]) > amax) {
                    amax = Math.abs(original[block + j]);
                    max = original[block + j];
                }
            }
            for (int j = 0; j < 32; j++) {
                // the largest magnitude maps to q = 0; the other side's top step (q = 15) is clamped: a whole step
                boolean clamped = Math.signum(original[block + j]) != Math.signum(max)
                        && Math.abs(original[block + j]) > amax * 15 / 16;
                float bound = (clamped ? amax / 8 : amax / 16) * 1.01f + 1e-7f;
                float error = Math.abs(original[block + j] - read[block + j]);
                assertTrue(error <= bound, "value " + (block + j) + ": " + original[block + j] + " read back as "
                        + read[block + j] + ", beyond Q4_0's error " + bound);
            }
        }
    }
}
