package io.trace2train.backends.langchain4j;

import io.trace2train.api.backend.BackendFactory;
import io.trace2train.api.plugin.Plugin;
import java.util.List;

/** Plugin "langchain4j": remote models behind any OpenAI-compatible chat endpoint. */
public final class LangChain4jPlugin implements Plugin {

    @Override
    public String name() {
        return "langchain4j";
    }

    @Override
    public List<BackendFactory> backendFactories() {
        return List.of(new OpenAiCompatibleBackendFactory());
    }
}
