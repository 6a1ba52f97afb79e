package io.trace2train.bench.ifeval;

import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ForwardingBackend;
import java.util.List;
import java.util.function.Supplier;

/**
 * A backend that times its calls: the model time of a benchmark is the time during which at least one call is in
 * flight (the union of the calls' intervals), so calls that overlap (concurrent units, or units queued on a backend
 * that serialises its calls) are not counted twice and model time never exceeds wall time. It also sums every
 * call's own latency. Failed calls count too: the model was busy.
 */
final class ModelClock extends ForwardingBackend {

    /**
     * Model time so far.
     *
     * @param busyNanos time with at least one call in flight
     * @param callNanos the calls' latencies summed
     * @param calls calls made, failed ones included (a fork batch counts once)
     */
    record Reading(long busyNanos, long callNanos, long calls) {

        Reading minus(Reading earlier) {
            return new Reading(busyNanos - earlier.busyNanos, callNanos - earlier.callNanos, calls - earlier.calls);
        }
    }

    private int inFlight;
    private long busySince;
    private long busyNanos;
    private long callNanos;
    private long calls;

    ModelClock(ModelBackend backend) {
        super(backend);
    }

    @Override
    public Generation generate(GenerationRequest request) {
        return timed(() -> backend.generate(request));
    }

    @Override
    public List<Generation> generateForks(GenerationRequest request, List<ForkSampling> forks) {
        return timed(() -> backend.generateForks(request, forks));
    }

    private <T> T timed(Supplier<T> call) {
        long start = enter();
        try {
            return call.get();
        } finally {
            leave(start);
        }
    }

    private synchronized long enter() {
        long now = System.nanoTime();
        if (inFlight++ == 0) {
            busySince = now;
        }
        return now;
    }

    private synchronized void leave(long start) {
        long now = System.nanoTime();
        callNanos += now - start;
        calls++;
        if (--inFlight == 0) {
            busyNanos += now - busySince;
        }
    }

    /** The time so far; calls still in flight count up to now. */
    synchronized Reading read() {
        long busy = busyNanos + (inFlight > 0 ? System.nanoTime() - busySince : 0);
        return new Reading(busy, callNanos, calls);
    }

    /** Closes the backend behind: the benchmark owns it. */
    @Override
    public void close() {
        backend.close();
    }
}
