package io.trace2train.backends.llamacpp;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.plugin.Plugin;
import java.util.List;

/** Plugin "llamacpp": local inference with llama.cpp on GGUF files. */
public final class LlamaCppPlugin implements Plugin {

    @Override
    public String name() {
        return "llamacpp";
    }

    @Override
    public List<BackendFactory> backendFactories() {
        return List.of(new LlamaCppBackendFactory());
    }
}
