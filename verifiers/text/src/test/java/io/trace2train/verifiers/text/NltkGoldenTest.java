package io.trace2train.verifiers.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.ExampleData;
import io.trace2train.verifiers.text.nltk.NltkWordTokenizer;
import io.trace2train.verifiers.text.punkt.PunktSentenceTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Sentence spans and word tokens against NLTK 3.8's own output, recorded by {@code make_golden.py} beside the golden
 * files: 1,000 random texts built from the characters the rules care about, and GPT-4's 541 IFEval responses.
 */
class NltkGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PunktSentenceTokenizer PUNKT = PunktSentenceTokenizer.english();
    private static final NltkWordTokenizer NLTK = NltkWordTokenizer.english();

    @Test
    void randomTextsMatchNltk() throws IOException {
        List<JsonNode> golden = golden("punkt_golden_fuzz.jsonl");
        assertEquals(1000, golden.size());
        for (JsonNode expected : golden) {
            String text = expected.get("text").asText();
            assertEquals(spans(expected.get("spans")), PUNKT.spans(text), () -> "sentences of " + text);
            List<String> tokens = new ArrayList<>();
            expected.get("tokens").forEach(token -> tokens.add(token.asText()));
            assertEquals(tokens, NLTK.tokenize(text), () -> "tokens of " + text);
        }
    }

    @Test
    void gpt4ResponsesMatchNltk() throws IOException {
        List<String> responses = ExampleData.gpt4Responses();
        List<JsonNode> golden = golden("punkt_golden_gpt4.jsonl");
        assertEquals(golden.size(), responses.size());
        for (int i = 0; i < responses.size(); i++) {
            String response = responses.get(i);
            int line = i + 1;
            assertEquals(spans(golden.get(i).get("spans")), PUNKT.spans(response), () -> "sentences of line " + line);
            assertEquals(golden.get(i).get("tokens_sha256").asText(),
                    sha256(String.join("\n", NLTK.tokenize(response))), () -> "tokens of line " + line);
        }
    }

    private static List<JsonNode> golden(String name) throws IOException {
        InputStream in = Objects.requireNonNull(NltkGoldenTest.class.getResourceAsStream(name), name);
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static List<Span> spans(JsonNode pairs) {
        List<Span> spans = new ArrayList<>();
        pairs.forEach(pair -> spans.add(new Span(pair.get(0).asInt(), pair.get(1).asInt())));
        return spans;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
