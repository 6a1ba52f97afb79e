package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.verifiers.text.nltk.NltkWordTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tagger against NLTK's own tags: {@code tagger_golden.json} holds 32 sentences tokenized by NLTK's
 * {@code NLTKWordTokenizer} and tagged by NLTK's {@code PerceptronTagger} loaded with the shipped weights (Debian's
 * python3-nltk 3.8).
 */
class TaggerGoldenTest {

    @Test
    void tagsEqualNltks() throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("tagger_golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        int cases = 0;
        for (JsonNode c : golden.get("cases")) {
            String sentence = c.get("sentence").asText();
            List<String> tokens = texts(c.get("tokens"));
            assertEquals(tokens, NltkWordTokenizer.tokenizeSentence(sentence), "tokens of " + sentence);
            assertEquals(texts(c.get("tags")), PerceptronTagger.english().tags(tokens), "tags of " + sentence);
            cases++;
        }
        assertEquals(32, cases);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
