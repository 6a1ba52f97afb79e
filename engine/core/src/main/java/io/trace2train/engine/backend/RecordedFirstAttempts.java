package io.trace2train.engine.backend;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;

/**
 * An agent's recorded answers as first attempts, a model for everything after: each task's own conversation is
 * answered with its recording (the agent's real first draft), and every retry or repair conversation by the model.
 * This is how existing agent logs are repaired into training data. The model info names both, so a record never
 * claims the model wrote the recorded draft.
 */
public final class RecordedFirstAttempts implements ModelBackend {

    private final ModelBackend recorded;
    private final ModelBackend model;
    private final ModelInfo info;

    public RecordedFirstAttempts(ModelBackend recorded, ModelBackend model) {
        this.recorded = requireNonNull(recorded, "recorded");
        this.model = requireNonNull(model, "model");
        ModelInfo first = recorded.model();
        ModelInfo then = model.model();
        this.info = new ModelInfo(first.backend() + "+" + then.backend(),
                "first attempts: " + first.name() + "; then: " + then.name(),
                first.revision() + "; " + then.revision());
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public boolean canGenerate() {
        return model.canGenerate();
    }

    @Override
    public Generation generate(GenerationRequest request) {
        return request.opensConversation() ? recorded.generate(request) : model.generate(request);
    }

    @Override
    public void close() {
        try {
            recorded.close();
        } finally {
            model.close();
        }
    }
}
