package io.trace2train.backends.replay;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.plugin.Plugin;
import java.util.List;

/** Plugin "replay": the backend that answers from recorded responses. */
public final class ReplayPlugin implements Plugin {

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public List<BackendFactory> backendFactories() {
        return List.of(new ReplayBackendFactory());
    }
}
