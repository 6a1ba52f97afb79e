package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The build's binary copy of the tagger model is the shipped JSON model, weight for weight. */
class CompiledTaggerModelTest {

    @Test
    void theCopyInTheJarEqualsTheShippedJson() throws IOException {
        PerceptronTagger json = PerceptronTagger.loadJson();
        PerceptronTagger compiled;
        try (InputStream in = ReferenceData.open(PerceptronTagger.COMPILED)) {
            compiled = PerceptronTagger.readCompiled(in);
        }
        assertTrue(compiled.sameModel(json), "the binary copy holds the JSON's tags, dictionary and weights");
        assertTrue(PerceptronTagger.english().sameModel(json), "the tagger in use is that copy");
    }

    @Test
    void writingAndReadingGivesTheSameBytesAndAChangedModelIsNotTheSame() throws IOException {
        PerceptronTagger json = PerceptronTagger.loadJson();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        json.writeCompiled(first);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        PerceptronTagger.readCompiled(new ByteArrayInputStream(first.toByteArray())).writeCompiled(second);
        assertArrayEquals(first.toByteArray(), second.toByteArray());

        byte[] changed = first.toByteArray();
        changed[changed.length - 1] ^= 1; // the last weight's lowest bit
        assertFalse(PerceptronTagger.readCompiled(new ByteArrayInputStream(changed)).sameModel(json));
    }

    @Test
    void aTruncatedOrForeignFileIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerceptronTagger.loadJson().writeCompiled(out);
        byte[] bytes = out.toByteArray();
        assertThrows(IOException.class, () -> PerceptronTagger.readCompiled(
                new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length / 2))));
        assertThrows(IOException.class, () -> PerceptronTagger.readCompiled(
                new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length + 1))));
        assertThrows(IOException.class, () -> PerceptronTagger.readCompiled(
                new ByteArrayInputStream("{\"classes\": []}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
}
