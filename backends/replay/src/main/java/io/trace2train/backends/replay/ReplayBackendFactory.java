package io.trace2train.backends.replay;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Creates {@link ReplayBackend}s from the {@code responses} option. */
final class ReplayBackendFactory implements BackendFactory {

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public List<ParameterSpec> options() {
        return List.of(ParameterSpec.required("responses", ParameterType.STRING,
                "a 'prompt, response' JSONL file, or a previous run's records.jsonl"));
    }

    @Override
    public ModelBackend create(Map<String, String> options) {
        return ReplayBackend.load(Path.of(options.get("responses")));
    }
}
