package io.trace2train.engine.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.io.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkIndexTest {

    private static final String LONG = "write a letter to your friend about the best day of your life and do not use"
            + " any commas at all";

    @Test
    void aSharedNgramMatchesThroughCasingWhiteSpaceAndPunctuation() {
        BenchmarkIndex index = new BenchmarkIndex(List.of(new BenchmarkPrompt("b", "k1", "Unrelated words entirely."),
                new BenchmarkPrompt("b", "k2", LONG)), 13);
        BenchmarkIndex.Overlap overlap = index.match("Please: WRITE a letter to your friend, about the best day"
                + "   of your\nlife... and thanks", 1).orElseThrow();
        assertEquals("k2", overlap.prompt().key());
        assertEquals("write a letter to your friend about the best day of your life", overlap.ngram());
        assertEquals(2, overlap.grams());
        assertTrue(index.match("write a letter to your friend about the best day of your", 1).isEmpty(),
                "12 words are no 13-gram");
        // 21 words: 9 n-grams, all shared with itself
        assertTrue(index.match(LONG, 9).isPresent());
        assertTrue(index.match(LONG, 10).isEmpty());
        assertEquals(Map.of("b", 2), index.prompts());
    }

    @Test
    void aPromptShorterThanTheNgramMatchesWhole() {
        BenchmarkIndex index = new BenchmarkIndex(List.of(new BenchmarkPrompt("b", "short", "Cancel my flight now")),
                13);
        assertEquals("cancel my flight now", index.match("Hi! Cancel my FLIGHT, now please", 1).orElseThrow()
                .ngram());
        assertTrue(index.match("cancel my flight tomorrow", 1).isEmpty());
    }

    @Test
    void theShippedBenchmarksLoadByNameAndAFileByPath(@TempDir Path dir) throws Exception {
        List<BenchmarkPrompt> prompts = Benchmarks.load(List.of("ifeval", "ifbench", "tau-airline"), List.of());
        BenchmarkIndex index = new BenchmarkIndex(prompts, 13);
        assertEquals(Map.of("ifeval", 541, "ifbench", 300, "tau-airline", 100), index.prompts());
        assertEquals("0/instruction", prompts.stream().filter(p -> p.benchmark().equals("tau-airline")).findFirst()
                .orElseThrow().key());
        Path own = Files.write(dir.resolve("own.jsonl"), List.of("{\"prompt\": \"x\"}", "", "{\"id\": 3}",
                "{\"prompt\": [1]}"));
        BadInputException e = assertThrows(BadInputException.class, () -> Benchmarks.load(List.of(),
                List.of(own)));
        assertEquals(List.of(own + ":3: prompt: missing", own + ":4: prompt: expected a string but got ARRAY"),
                e.problems().stream().map(Object::toString).toList());
        assertEquals("line 1", Benchmarks.load(List.of(), List.of(Files.write(dir.resolve("ok.jsonl"),
                List.of("{\"prompt\": \"x\"}")))).getFirst().key());
        assertTrue(assertThrows(BadInputException.class, () -> Benchmarks.load(List.of("mmlu"), List.of()))
                .getMessage().contains("unknown benchmark 'mmlu'"));
    }
}
