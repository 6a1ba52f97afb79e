package io.trace2train.engine.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ForwardingBackend;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The backend as the runner and its repair strategies see it: failures the backend calls retriable are retried with
 * exponential backoff, and every call is timed (a call for several forks as one).
 */
public final class BackendCaller extends ForwardingBackend {

    private final int retries;
    private final long backoffMillis;
    private final Timer latency;

    public BackendCaller(ModelBackend backend, int retries, long backoffMillis, MeterRegistry meters) {
        super(backend);
        this.retries = retries;
        this.backoffMillis = backoffMillis;
        this.latency = meters.timer("trace2train.backend.latency", "backend", backend.model().backend());
    }

    /** @throws BackendException when the call fails for good (not retriable, or retries used up) */
    @Override
    public Generation generate(GenerationRequest request) {
        return retried(() -> backend.generate(request));
    }

    /** The forks in one call, retried and timed as a whole. */
    @Override
    public List<Generation> generateForks(GenerationRequest request, List<ForkSampling> forks) {
        return retried(() -> backend.generateForks(request, forks));
    }

    private <T> T retried(Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            long start = System.nanoTime();
            try {
                T made = call.get();
                latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return made;
            } catch (BackendException e) {
                if (!e.retriable() || attempt >= retries) {
                    throw e;
                }
                sleep(backoffMillis << attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting to retry", false, e);
        }
    }
}
