package io.trace2train.engine.rollout;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;

/**
 * A model that answers as a function of the request's seed, so forks with different seeds really answer differently,
 * and that can take its time (sleeping as a slow model would, and giving up when interrupted as the local model's
 * decoding loop does). It records every request. The test double stands at the backend boundary only.
 */
final class SeededBackend implements ModelBackend {

    private final LongFunction<String> answer;
    private final LongFunction<Long> delayMillis;
    private final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();

    SeededBackend(LongFunction<String> answer, LongFunction<Long> delayMillis) {
        this.answer = answer;
        this.delayMillis = delayMillis;
    }

    static SeededBackend answering(LongFunction<String> answer) {
        return new SeededBackend(answer, seed -> 0L);
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo("seeded", "seeded-model", "v1");
    }

    @Override
    public boolean canGenerate() {
        return true;
    }

    @Override
    public Generation generate(GenerationRequest request) {
        requests.add(request);
        long seed = request.settings().seed();
        long delay = delayMillis.apply(seed);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException("generation interrupted", false, e);
            }
        }
        String text = answer.apply(seed);
        return new Generation(text, 7, text.length(), delay);
    }

    List<GenerationRequest> requests() {
        return requests;
    }
}
