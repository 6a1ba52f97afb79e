package io.trace2train.backends.jlama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.ExampleData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `model=OWNER/NAME`: the Hugging Face cache first, then trace2train's, then a download (from a loopback hub). */
class ModelLocatorTest {

    private static final Path STORIES = ExampleData.model("stories260K");

    @TempDir
    Path home;

    @Test
    void aModelInTheHuggingFaceCacheIsUsedWhereItIs() throws Exception {
        Path snapshot = Files.createDirectories(home.resolve(".cache/huggingface/hub/models--tiny--stories/snapshots/abc123"));
        Files.writeString(Files.createDirectories(home.resolve(".cache/huggingface/hub/models--tiny--stories/refs"))
                .resolve("main"), "abc123\n");
        try (Stream<Path> files = Files.list(STORIES)) {
            for (Path file : files.toList()) {
                Files.copy(file, snapshot.resolve(file.getFileName()));
            }
        }
        ModelLocator locator = new ModelLocator(Map.of(), home);
        assertEquals(snapshot, locator.locate("tiny/stories"));

        try (ModelBackend backend = new JlamaBackendFactory(locator).create(Map.of("model", "tiny/stories",
                "raw", "true"))) {
            String story = backend.generate(new GenerationRequest("t", List.of(ChatMessage.user("")),
                    new GenerationSettings(0, 1, 1, 12, List.of()))).text();
            assertTrue(story.startsWith("Once upon a time"), story);
        }
    }

    @Test
    void aMissingModelIsDownloadedIntoTheCacheWholeFilesOnly() throws Exception {
        List<String> requested = new CopyOnWriteArrayList<>();
        HttpServer hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/tiny/stories/resolve/main/", exchange -> {
            String file = exchange.getRequestURI().getPath().substring("/tiny/stories/resolve/main/".length());
            requested.add(file);
            Path source = STORIES.resolve(file);
            try (exchange) {
                if (!Files.isRegularFile(source)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] bytes = Files.readAllBytes(source);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        hub.start();
        try {
            Map<String, String> env = Map.of("HF_ENDPOINT", "http://127.0.0.1:" + hub.getAddress().getPort(),
                    "TRACE2TRAIN_CACHE", home.resolve("t2t").toString());
            Path folder = new ModelLocator(env, home).locate("tiny/stories");

            assertEquals(home.resolve("t2t/models/tiny/stories"), folder);
            assertEquals(Files.size(STORIES.resolve("model.safetensors")), Files.size(folder.resolve("model.safetensors")));
            try (Stream<Path> files = Files.list(folder)) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".part")));
            }
            int calls = requested.size();
            assertEquals(folder, new ModelLocator(env, home).locate("tiny/stories"));
            assertEquals(calls, requested.size(), "the second time comes from the cache");
        } finally {
            hub.stop(0);
        }
    }

    @Test
    void badNamesAndUnreachableHubsAreClearErrors() {
        ModelLocator locator = new ModelLocator(Map.of("HF_ENDPOINT", "http://127.0.0.1:9",
                "TRACE2TRAIN_CACHE", home.resolve("c").toString()), home);
        InvalidArgumentsException badName = assertThrows(InvalidArgumentsException.class, () -> locator.locate("qwen"));
        assertTrue(badName.getMessage().contains("expected OWNER/NAME"), badName.getMessage());
        InvalidArgumentsException offline = assertThrows(InvalidArgumentsException.class,
                () -> locator.locate("Qwen/Qwen2.5-0.5B-Instruct"));
        assertTrue(offline.getMessage().contains("cannot fetch Qwen/Qwen2.5-0.5B-Instruct")
                && offline.getMessage().contains("--model-dir"), offline.getMessage());
        InvalidArgumentsException both = assertThrows(InvalidArgumentsException.class, () -> new JlamaBackendFactory(
                locator).create(Map.of("model", "a/b", "model-dir", "/x")));
        assertTrue(both.getMessage().contains("exactly one of model-dir"), both.getMessage());
    }
}
