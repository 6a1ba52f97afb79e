package io.trace2train.backends.jlama;

import io.trace2train.api.backend.ModelBackend;
import io.trace2train.testing.BackendContract;
import io.trace2train.testing.ExampleData;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared backend contract on stories260K. */
class JlamaContractTest extends BackendContract {

    private ModelBackend backend;

    @BeforeAll
    void load() {
        backend = new JlamaBackendFactory().create(Map.of("model-dir", ExampleData.model("stories260K").toString(),
                "raw", "true"));
    }

    @AfterAll
    void close() {
        backend.close();
    }

    @Override
    protected ModelBackend backend() {
        return backend;
    }
}
