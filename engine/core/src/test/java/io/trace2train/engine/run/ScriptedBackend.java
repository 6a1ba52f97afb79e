package io.trace2train.engine.run;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A model backend that follows a script: each call takes the next answer (a text or an exception) and records the
 * request, so tests can assert exactly what was sent. The test double stands at the backend boundary only.
 */
final class ScriptedBackend implements ModelBackend {

    private final Deque<Object> script = new ArrayDeque<>();
    private final List<GenerationRequest> requests = new ArrayList<>();
    private final boolean canGenerate;

    ScriptedBackend(boolean canGenerate, Object... answers) {
        this.canGenerate = canGenerate;
        script.addAll(List.of(answers));
    }

    static ScriptedBackend answering(Object... answers) {
        return new ScriptedBackend(true, answers);
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo("scripted", "script", "v1");
    }

    @Override
    public boolean canGenerate() {
        return canGenerate;
    }

    @Override
    public synchronized Generation generate(GenerationRequest request) {
        requests.add(request);
        Object next = script.poll();
        if (next == null) {
            throw new AssertionError("the script has no answer left for call " + requests.size());
        }
        if (next instanceof BackendException e) {
            throw e;
        }
        String text = (String) next;
        return new Generation(text, 10 * request.messages().size(), text.length(), 1);
    }

    List<GenerationRequest> requests() {
        return requests;
    }
}
