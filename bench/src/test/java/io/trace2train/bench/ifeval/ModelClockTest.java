package io.trace2train.bench.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.task.ChatMessage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ModelClockTest {

    /** Answers only once {@code parties} calls are in flight together, so they overlap for sure. */
    private static final class TogetherBackend implements ModelBackend {

        private final CountDownLatch inFlight;

        TogetherBackend(int parties) {
            this.inFlight = new CountDownLatch(parties);
        }

        @Override
        public ModelInfo model() {
            return new ModelInfo("together", "test", "0");
        }

        @Override
        public boolean canGenerate() {
            return true;
        }

        @Override
        public Generation generate(GenerationRequest request) {
            inFlight.countDown();
            try {
                inFlight.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Generation("ok", 1, 1, 0);
        }
    }

    @Test
    void overlappingCallsCountOnceInModelTimeAndTwiceInTheirSum() throws Exception {
        ModelClock clock = new ModelClock(new TogetherBackend(2));
        GenerationRequest request = new GenerationRequest("t", List.of(ChatMessage.user("hi")),
                GenerationSettings.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Generation>> calls = List.of(pool.submit(() -> clock.generate(request)),
                    pool.submit(() -> clock.generate(request)));
            for (Future<Generation> call : calls) {
                assertEquals("ok", call.get().text());
            }
        } finally {
            pool.shutdownNow();
        }
        ModelClock.Reading reading = clock.read();
        assertEquals(2, reading.calls());
        assertTrue(reading.busyNanos() > 0, reading::toString);
        assertTrue(reading.busyNanos() <= reading.callNanos(), "the union of two overlapping calls is at most their"
                + " sum: " + reading);
        assertEquals("together", clock.model().backend());
        assertEquals(new ModelClock.Reading(0, 0, 0), clock.read().minus(reading));
    }
}
