package io.trace2train.backends.jlama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.ExampleData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny model of Qwen2.5's real layout (its config with small dimensions, its tokenizer and chat template, random
 * weights written by the test): chat prompts use the ChatML template, and Jlama's known limits are clear errors.
 */
class TinyQwenTest {

    private static final Path SHAPE = ExampleData.model("qwen2.5-0.5b-instruct-shape");
    private static final Map<String, Object> TINY = ExampleData.TINY_QWEN;

    @TempDir
    Path dir;

    @Test
    void chatPromptsUseTheModelsChatMlTemplateAndGenerationRuns() throws Exception {
        Path model = RandomModelWriter.write(SHAPE, TINY, RandomModelWriter.WeightType.F32, 1, dir.resolve("tiny"));
        try (JlamaBackend backend = (JlamaBackend) new JlamaBackendFactory().create(Map.of("model-dir",
                model.toString()))) {
            List<ChatMessage> chat = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Name a cat."));
            assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nName a cat.<|im_end|>\n"
                    + "<|im_start|>assistant\n", backend.promptText(chat));

            GenerationSettings settings = new GenerationSettings(0.9, 0.9, 5, 8, List.of());
            Generation first = backend.generate(new GenerationRequest("t", chat, settings));
            Generation again = backend.generate(new GenerationRequest("t", chat, settings));
            assertEquals(first.text(), again.text(), "the same seed, the same text");
            assertTrue(first.completionTokens() <= 8);
            assertTrue(first.promptTokens() > 10, "the template's tokens count: " + first.promptTokens());
        }
    }

    @Test
    void anArchitectureJlamaLacksIsAClearError() throws Exception {
        Path model = RandomModelWriter.write(SHAPE, Map.of("hidden_size", 64, "intermediate_size", 128,
                "num_hidden_layers", 1, "num_attention_heads", 4, "num_key_value_heads", 2, "model_type", "falcon",
                "architectures", List.of("FalconForCausalLM")), RandomModelWriter.WeightType.F32, 1, dir.resolve("f"));
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> new JlamaBackendFactory().create(Map.of("model-dir", model.toString())));
        assertTrue(e.getMessage().contains("Jlama cannot load"), e.getMessage());
        assertTrue(e.getMessage().contains("unsupported architecture") && e.getMessage().contains("qwen2"),
                e.getMessage());
    }

    @Test
    void sizesThatDoNotFitTheSimdWidthAreRefusedBeforeLoading() throws Exception {
        Path model = RandomModelWriter.write(SHAPE, Map.of("hidden_size", 36, "intermediate_size", 68,
                "num_hidden_layers", 1, "num_attention_heads", 4, "num_key_value_heads", 2),
                RandomModelWriter.WeightType.F32, 1, dir.resolve("odd"));
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> new JlamaBackendFactory().create(Map.of("model-dir", model.toString())));
        assertTrue(e.getMessage().contains("hidden_size 36, intermediate_size 68") && e.getMessage().contains(
                "not a multiple of this machine's SIMD width"), e.getMessage());
        ShapeCheck.check(RandomModelWriter.write(SHAPE, TINY, RandomModelWriter.WeightType.BF16, 2, dir.resolve("ok")),
                16);
    }

    @Test
    void bf16WeightsLoadAndGenerate() throws Exception {
        Path model = RandomModelWriter.write(SHAPE, TINY, RandomModelWriter.WeightType.BF16, 3, dir.resolve("bf16"));
        try (var backend = new JlamaBackendFactory().create(Map.of("model-dir", model.toString(), "raw", "true"))) {
            Generation generation = backend.generate(new GenerationRequest("t", List.of(ChatMessage.user("Hello")),
                    new GenerationSettings(0, 1, 0, 4, List.of())));
            assertEquals(4, generation.completionTokens());
        }
    }
}
