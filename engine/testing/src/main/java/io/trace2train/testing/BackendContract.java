package io.trace2train.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.task.ChatMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every local model backend promises, as tests a backend's test class inherits: seeds, temperature, top-p,
 * stop sequences, max new tokens, token counts, forks (each with its own seed and temperature), interruption within a
 * token, and a pinned revision. The backend runs a small real model (stories260K) in raw mode, so the texts are
 * English and the checks are about the settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract {

    /** The backend under test, loaded once for the class, on stories260K in raw mode. */
    protected abstract ModelBackend backend();

    private Generation generate(String prompt, double temperature, double topP, long seed, int maxNewTokens,
            List<String> stop) {
        return backend().generate(new GenerationRequest("t", List.of(ChatMessage.user(prompt)),
                new GenerationSettings(temperature, topP, seed, maxNewTokens, stop)));
    }

    @Test
    void theSameSeedGivesTheSameTextAndOtherSeedsOtherTexts() {
        Generation first = generate("Once upon a time", 1.0, 1.0, 7, 24, List.of());
        assertEquals(first.text(), generate("Once upon a time", 1.0, 1.0, 7, 24, List.of()).text());
        Set<String> texts = new HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            texts.add(generate("Once upon a time", 1.0, 1.0, seed, 24, List.of()).text());
        }
        assertTrue(texts.size() > 1, "four seeds at temperature 1 gave one text: " + texts);
    }

    @Test
    void greedyDecodingIgnoresTheSeedAndATinyTopPIsGreedy() {
        Generation greedy = generate("Once upon a time", 0, 1.0, 1, 24, List.of());
        assertEquals(greedy.text(), generate("Once upon a time", 0, 1.0, 2, 24, List.of()).text());
        // top-p 0.001 keeps only the most likely token, whatever the temperature and seed
        for (long seed = 1; seed <= 3; seed++) {
            assertEquals(greedy.text(), generate("Once upon a time", 1.5, 0.001, seed, 24, List.of()).text());
        }
    }

    @Test
    void maxNewTokensCountsGeneratedTokensAndPromptTokensAreCounted() {
        Generation short_ = generate("Once upon a time", 0, 1.0, 1, 5, List.of());
        Generation long_ = generate("Once upon a time", 0, 1.0, 1, 20, List.of());
        assertEquals(5, short_.completionTokens());
        assertEquals(20, long_.completionTokens());
        assertTrue(long_.text().startsWith(short_.text()), short_.text() + " / " + long_.text());
        assertTrue(long_.text().length() > short_.text().length());
        Generation longerPrompt = generate("Once upon a time there was a cat", 0, 1.0, 1, 5, List.of());
        assertTrue(short_.promptTokens() >= 4, "prompt tokens " + short_.promptTokens());
        assertTrue(longerPrompt.promptTokens() > short_.promptTokens());
    }

    @Test
    void aStopSequenceEndsTheTextBeforeIt() {
        String full = generate("Once upon a time", 0, 1.0, 1, 40, List.of()).text();
        String[] words = full.trim().split(" ");
        assertTrue(words.length > 6, full);
        String stop = " " + words[4];
        Generation stopped = generate("Once upon a time", 0, 1.0, 1, 40, List.of(stop));
        assertEquals(full.substring(0, full.indexOf(stop)), stopped.text());
        assertFalse(stopped.text().contains(stop));
        assertTrue(stopped.completionTokens() < 40);
    }

    @Test
    void anInterruptedGenerationStopsWithinATokenAndTheNextRuns() {
        Thread.currentThread().interrupt(); // as a cancelled fork's worker is
        try {
            BackendException e = assertThrows(BackendException.class,
                    () -> generate("Once upon a time", 0, 1.0, 3, 400, List.of()));
            assertTrue(e.getMessage().contains("interrupted (1 tokens generated)"), e.getMessage());
            assertFalse(e.retriable());
        } finally {
            Thread.interrupted();
        }
        assertEquals(12, generate("Once upon a time", 0, 1.0, 3, 12, List.of()).completionTokens());
    }

    @Test
    void eachForkGivesWhatItsSeedAndTemperatureGiveAlone() {
        // top-p, a stop sequence and the token budget are the request's, shared by the forks
        String greedy = generate("Once upon a time", 0, 1.0, 1, 40, List.of()).text();
        String stop = " " + greedy.trim().split(" ")[5];
        GenerationRequest request = new GenerationRequest("t", List.of(ChatMessage.user("Once upon a time")),
                new GenerationSettings(0.7, 0.95, 0, 24, List.of(stop)));
        List<ForkSampling> forks = List.of(new ForkSampling(11, 1.0), new ForkSampling(12, 1.5),
                new ForkSampling(13, 0), new ForkSampling(11, 0.3), new ForkSampling(14, 1.0));
        List<Generation> shared = backend().generateForks(request, forks);
        assertEquals(forks.size(), shared.size());
        for (int i = 0; i < forks.size(); i++) {
            Generation alone = backend().generate(request.withFork(forks.get(i)));
            assertEquals(alone.text(), shared.get(i).text(), "fork " + i + " " + forks.get(i));
            assertEquals(alone.completionTokens(), shared.get(i).completionTokens(), "fork " + i);
            assertEquals(alone.promptTokens(), shared.get(i).promptTokens(), "fork " + i);
            assertTrue(shared.get(i).completionTokens() <= 24);
        }
        assertEquals(greedy.substring(0, greedy.indexOf(stop)), shared.get(2).text(), "the greedy fork stops");
        assertTrue(shared.stream().map(Generation::text).distinct().count() >= 3, "forks differ: " + shared);
    }

    @Test
    void theRevisionPinsTheWeightsByTheirSha256() {
        String revision = backend().model().revision();
        assertTrue(revision.matches("sha256:[0-9a-f]{64}"), revision);
        assertTrue(backend().canGenerate());
        assertNotEquals("", backend().model().name());
    }
}
