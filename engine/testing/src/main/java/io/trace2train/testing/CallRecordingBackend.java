package io.trace2train.testing;

import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.ForwardingBackend;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real backend with its calls recorded: each {@code generate} request (a prompt computed alone) and each
 * {@code generateForks} call's forks (one prompt computed for them all), and whether it says its forks share a
 * prompt, so that a test can switch shared prefill on and off over the same model.
 */
public class CallRecordingBackend extends ForwardingBackend {

    private final List<GenerationRequest> alone = new CopyOnWriteArrayList<>();
    private final List<List<ForkSampling>> together = new CopyOnWriteArrayList<>();
    private final boolean share;

    public CallRecordingBackend(ModelBackend backend, boolean share) {
        super(backend);
        this.share = share;
    }

    @Override
    public Generation generate(GenerationRequest request) {
        alone.add(request);
        return backend.generate(request);
    }

    @Override
    public List<Generation> generateForks(GenerationRequest request, List<ForkSampling> forks) {
        together.add(forks);
        return backend.generateForks(request, forks);
    }

    /** Off: the engine generates fork by fork, as on a backend that cannot share a prompt. */
    @Override
    public boolean forksSharePrompt() {
        return share;
    }

    /** The requests generated alone, in the order they came. */
    public List<GenerationRequest> alone() {
        return List.copyOf(alone);
    }

    /** Each generateForks call's forks, in the order they came. */
    public List<List<ForkSampling>> together() {
        return List.copyOf(together);
    }

    /** Prompt computations: one per generate call, one per generateForks call. */
    public int prefills() {
        return alone.size() + together.size();
    }
}
