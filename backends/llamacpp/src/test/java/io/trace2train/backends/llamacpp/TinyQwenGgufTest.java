package io.trace2train.backends.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.backends.jlama.RandomModelWriter;
import io.trace2train.backends.llamacpp.gguf.GgufQuantizer;
import io.trace2train.backends.llamacpp.gguf.GgufReader;
import io.trace2train.testing.ExampleData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny model of Qwen2.5's real layout (its config with small dimensions, its byte-level BPE tokenizer and ChatML
 * template, random weights) written as GGUF: llama.cpp loads it, renders the GGUF's chat template and generates.
 */
class TinyQwenGgufTest {

    private static final Path SHAPE = ExampleData.model("qwen2.5-0.5b-instruct-shape");
    private static final Map<String, Object> TINY = ExampleData.TINY_QWEN;

    @TempDir
    Path dir;

    @Test
    void theGgufCarriesQwensTokenizerAndTemplateAndLlamaCppRendersAndGenerates() throws Exception {
        Path model = RandomModelWriter.write(SHAPE, TINY, RandomModelWriter.WeightType.BF16, 1, dir.resolve("tiny"));
        Path file = new GgufQuantizer().quantize(model, "Q4_0", dir.resolve("tiny.gguf"));
        var meta = GgufReader.open(file).metadata();
        assertEquals("qwen2", meta.get("general.architecture"));
        assertEquals("gpt2", meta.get("tokenizer.ggml.model"));
        assertEquals("qwen2", meta.get("tokenizer.ggml.pre"));
        assertEquals(151936, ((List<?>) meta.get("tokenizer.ggml.tokens")).size(), "padded to the embedding rows");
        assertEquals(151645L, meta.get("tokenizer.ggml.eos_token_id"), "<|im_end|>");
        assertEquals(151643L, meta.get("tokenizer.ggml.bos_token_id"), "config.json's bos_token_id");
        assertEquals(false, meta.get("tokenizer.ggml.add_bos_token"));
        assertTrue(((List<?>) meta.get("tokenizer.ggml.merges")).size() > 100_000);
        assertTrue(String.valueOf(meta.get("tokenizer.chat_template")).contains("<|im_start|>"));

        try (LlamaCppBackend backend = (LlamaCppBackend) new LlamaCppBackendFactory().create(Map.of("model",
                file.toString(), "threads", "1"))) {
            backend.preflight();
            List<ChatMessage> chat = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Name a cat."));
            assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nName a cat.<|im_end|>\n"
                    + "<|im_start|>assistant\n", backend.promptText(chat));
            GenerationSettings settings = new GenerationSettings(0.9, 0.9, 5, 8, List.of());
            Generation first = backend.generate(new GenerationRequest("t", chat, settings));
            assertEquals(first.text(), backend.generate(new GenerationRequest("t", chat, settings)).text());
            assertTrue(first.completionTokens() <= 8 && first.completionTokens() > 0);
            assertEquals(20, first.promptTokens(), "ChatML's tokens: 3 per turn header, the texts, the ends");
            BackendException tools = assertThrows(BackendException.class, () -> backend.generate(
                    new GenerationRequest("t", List.of(ChatMessage.tool("c1", "f", "{}")), settings)));
            assertTrue(tools.getMessage().contains("does not offer tools"), tools.getMessage());
        }
    }

    @Test
    void aBaseModelWithoutATemplateIsRefusedAtPreflightUnlessRaw() throws Exception {
        Path file = new GgufQuantizer().quantize(ExampleData.model("stories260K"), "F16", dir);
        try (var backend = new LlamaCppBackendFactory().create(Map.of("model", file.toString()))) {
            InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, backend::preflight);
            assertTrue(e.getMessage().contains("has no chat template"), e.getMessage());
        }
        InvalidArgumentsException missing = assertThrows(InvalidArgumentsException.class,
                () -> new LlamaCppBackendFactory().create(Map.of("model", dir.resolve("none.gguf").toString())));
        assertTrue(missing.getMessage().contains("none.gguf is not a file"), missing.getMessage());
    }
}
