package io.trace2train.backends.jlama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.ExampleData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernels, the thread pool and the activation type: chosen by backend options, the process-wide ones once per
 * process (this test JVM's first jlama backend takes the defaults).
 */
class JlamaRuntimeTest {

    private static final Path STORIES = ExampleData.model("stories260K");

    private static Map<String, String> options(String... pairs) {
        Map<String, String> options = new HashMap<>(Map.of("model-dir", STORIES.toString(), "raw", "true"));
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return options;
    }

    private static Generation story(ModelBackend backend) {
        return backend.generate(new GenerationRequest("t", List.of(ChatMessage.user("")),
                new GenerationSettings(0, 1, 0, 24, List.of())));
    }

    @Test
    void theVectorApiKernelsAreTheDefaultAndAnotherChoiceInTheSameProcessIsRefused() {
        try (ModelBackend backend = new JlamaBackendFactory().create(options())) {
            assertTrue(story(backend).text().startsWith("Once upon a time, there was a little girl"));
        }
        // jlama-native is on the class path and loads here, but its kernels decode this model wrong: opt-in only
        assertEquals("Panama Vector Operations", JlamaRuntime.kernels());
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> new JlamaBackendFactory().create(options("native", "true")));
        assertTrue(e.getMessage().contains("native") && e.getMessage().contains("one choice per process"),
                e.getMessage());
        new JlamaBackendFactory().create(options("native", "false")).close(); // the same choice again is fine
    }

    @Test
    void theThreadPoolKeepsItsSizeAndAnotherSizeIsRefused() {
        try (ModelBackend backend = new JlamaBackendFactory().create(options())) {
            story(backend); // starts the pool
        }
        int size = JlamaRuntime.threads();
        new JlamaBackendFactory().create(options("threads", String.valueOf(size))).close();
        int other = size == 1 ? 2 : 1;
        if (other <= Runtime.getRuntime().availableProcessors()) {
            InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                    () -> new JlamaBackendFactory().create(options("threads", String.valueOf(other))));
            assertTrue(e.getMessage().contains("one size per process"), e.getMessage());
        }
    }

    @Test
    void badValuesNameTheOption() {
        for (var bad : List.of(List.of("threads", "0"), List.of("threads", "many"), List.of("threads", "100000"),
                List.of("native", "yes"), List.of("activation-type", "Q3"))) {
            InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                    () -> new JlamaBackendFactory().create(options(bad.get(0), bad.get(1))), bad::toString);
            assertTrue(e.getMessage().contains(bad.get(0)) && e.getMessage().contains("'" + bad.get(1) + "'"),
                    e.getMessage());
        }
    }

    @Test
    void i8ActivationsOnQ4WeightsLoadAndTellTheStory(@TempDir Path dir) throws Exception {
        Path q4 = JlamaQuantizer.quantize(STORIES, "Q4", dir.resolve("q4"));
        Map<String, String> f32 = options("model-dir", q4.toString());
        Map<String, String> i8 = options("model-dir", q4.toString(), "activation-type", "I8");
        try (ModelBackend a = new JlamaBackendFactory().create(f32);
                ModelBackend b = new JlamaBackendFactory().create(i8)) {
            // stories260K's sizes do not fit Jlama's I8 kernels (it keeps F32): the option loads and tells the story
            String first = story(a).text();
            String second = story(b).text();
            assertTrue(first.startsWith("Once upon a time") && second.startsWith("Once upon a time"),
                    first + " / " + second);
        }
    }
}
