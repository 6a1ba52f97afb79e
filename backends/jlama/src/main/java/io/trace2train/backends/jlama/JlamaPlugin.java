package io.trace2train.backends.jlama;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.plugin.Plugin;
import java.util.List;

/** Plugin "jlama": local inference with Jlama. */
public final class JlamaPlugin implements Plugin {

    @Override
    public String name() {
        return "jlama";
    }

    @Override
    public List<BackendFactory> backendFactories() {
        return List.of(new JlamaBackendFactory());
    }
}
