package io.trace2train.backends.llamacpp;

import io.trace2train.api.backend.ModelBackend;
import io.trace2train.backends.llamacpp.gguf.GgufQuantizer;
import io.trace2train.testing.BackendContract;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared backend contract on stories260K written as Q4_0 GGUF by our writer and run by llama.cpp. */
class LlamaCppContractTest extends BackendContract {

    private Path folder;
    private ModelBackend backend;

    @BeforeAll
    void load() throws Exception {
        folder = Files.createTempDirectory("llamacpp-contract");
        Path file = new GgufQuantizer().quantize(ExampleData.model("stories260K"), "Q4_0", folder);
        backend = new LlamaCppBackendFactory().create(Map.of("model", file.toString(), "raw", "true", "threads",
                "1"));
    }

    @AfterAll
    void close() throws Exception {
        backend.close();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Override
    protected ModelBackend backend() {
        return backend;
    }
}
