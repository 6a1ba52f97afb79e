package io.trace2train.backends.jlama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.ExampleData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jlama backend on stories260K, a real trained 2.7 MB Llama model. */
class JlamaBackendTest {

    private static final Path STORIES = ExampleData.model("stories260K");

    private static ModelBackend raw;

    @BeforeAll
    static void load() {
        raw = new JlamaBackendFactory().create(Map.of("model-dir", STORIES.toString(), "raw", "true"));
    }

    @AfterAll
    static void close() {
        raw.close();
    }

    private static Generation generate(String prompt, double temperature, long seed, int maxNewTokens,
            List<String> stop) {
        return raw.generate(new GenerationRequest("t", List.of(ChatMessage.user(prompt)),
                new GenerationSettings(temperature, 1.0, seed, maxNewTokens, stop)));
    }

    @Test
    void greedyDecodingGivesLlama2csPublishedStory() {
        Generation story = generate("", 0, 0, 40, List.of());
        assertTrue(story.text().startsWith("Once upon a time, there was a little girl named Lily."), story.text());
        assertEquals(1, story.promptTokens(), "the beginning-of-sequence token");
        assertEquals(40, story.completionTokens(), "max new tokens counts generated tokens only");
        assertEquals(story.text(), generate("", 0, 99, 40, List.of()).text(), "greedy ignores the seed");
    }

    @Test
    void generationRunsToTheLastUsablePositionOfTheContext() {
        // stories260K: 512 positions, 4 key-value heads of 16: Jlama's rotary lookup overruns in the last 6
        String prompt = String.join(" ", java.util.Collections.nCopies(48, "the cat sat on a mat and"));
        Generation long_ = generate(prompt, 0, 1, 64, List.of());
        assertTrue(long_.promptTokens() > 506 - 64, "a prompt that leaves less room than asked");
        assertEquals(506 - long_.promptTokens(), long_.completionTokens(), "generated up to the usable context");
        BackendException full = assertThrows(BackendException.class,
                () -> generate(String.join(" ", java.util.Collections.nCopies(60, "the cat sat on a mat and")), 0,
                        1, 8, List.of()));
        assertTrue(full.getMessage().contains("usable context 506 (of 512)"), full.getMessage());
    }

    @Test
    void anInterruptedGenerationStopsAtTheNextToken() {
        Thread.currentThread().interrupt(); // as a cancelled fork's worker is
        try {
            BackendException e = assertThrows(BackendException.class, () -> generate("", 0, 3, 400, List.of()));
            assertTrue(e.getMessage().contains("interrupted (1 tokens generated)"), e.getMessage());
            assertFalse(e.retriable());
        } finally {
            Thread.interrupted();
        }
        assertEquals(20, generate("", 0, 3, 20, List.of()).completionTokens(), "the next generation runs normally");
    }

    @Test
    void theSameSeedGivesTheSameTextAndOthersDiffer() {
        String first = generate("Once upon a time", 1.0, 7, 30, List.of()).text();
        assertEquals(first, generate("Once upon a time", 1.0, 7, 30, List.of()).text());
        long differing = java.util.stream.LongStream.range(8, 12)
                .filter(seed -> !generate("Once upon a time", 1.0, seed, 30, List.of()).text().equals(first)).count();
        assertTrue(differing >= 3, "other seeds give other stories: " + differing + " of 4 differ");
    }

    @Test
    void stopSequencesEndTheAnswerBeforeThem() {
        Generation cut = generate("", 0, 0, 60, List.of("Lily"));
        assertEquals("Once upon a time, there was a little girl named ", cut.text());
        assertTrue(cut.completionTokens() < 60);
    }

    @Test
    void recordsPinTheWeightsAndMissingTemplatesAndFoldersAreClearErrors() {
        assertEquals("jlama", raw.model().backend());
        assertEquals("stories260K", raw.model().name());
        assertTrue(raw.model().revision().matches("sha256:[0-9a-f]{64}"), raw.model().revision());

        ModelBackend chat = new JlamaBackendFactory().create(Map.of("model-dir", STORIES.toString()));
        BackendException noTemplate = assertThrows(BackendException.class, () -> chat.generate(
                new GenerationRequest("t", List.of(ChatMessage.user("hi")), GenerationSettings.defaults())));
        assertFalse(noTemplate.retriable());
        assertTrue(noTemplate.getMessage().contains("no chat template") && noTemplate.getMessage().contains("raw"),
                noTemplate.getMessage());
        chat.close();

        InvalidArgumentsException missing = assertThrows(InvalidArgumentsException.class,
                () -> new JlamaBackendFactory().create(Map.of("model-dir", "/nonexistent")));
        assertTrue(missing.getMessage().contains("has no config.json"), missing.getMessage());
        InvalidArgumentsException dtype = assertThrows(InvalidArgumentsException.class,
                () -> new JlamaBackendFactory().create(Map.of("model-dir", STORIES.toString(), "dtype", "Q9")));
        assertTrue(dtype.getMessage().contains("expected one of [F32, F16, BF16]"), dtype.getMessage());
        assertNotEquals(null, raw.model());
    }

    @Test
    void workingTypesJlamaLacksForTheseWeightsAreClearErrors(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        InvalidArgumentsException f16 = assertThrows(InvalidArgumentsException.class, () -> new JlamaBackendFactory()
                .create(Map.of("model-dir", STORIES.toString(), "dtype", "F16")));
        assertTrue(f16.getMessage().contains("does not implement this combination of weight and working types")
                && f16.getMessage().contains("try dtype=F32"), f16.getMessage());

        Path q4 = JlamaQuantizer.quantize(STORIES, "Q4", dir.resolve("q4"));
        try (ModelBackend backend = new JlamaBackendFactory().create(Map.of("model-dir", q4.toString(), "raw", "true",
                "dtype", "F16"))) {
            BackendException e = assertThrows(BackendException.class, () -> backend.generate(new GenerationRequest("t",
                    List.of(ChatMessage.user("")), new GenerationSettings(0, 1, 0, 4, List.of()))));
            assertTrue(e.getMessage().contains("does not implement this combination"), e.getMessage());
        }
    }
}
