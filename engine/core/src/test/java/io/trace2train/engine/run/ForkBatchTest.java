package io.trace2train.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The first generations of a task's forks: made once for every fork waiting, each taken once by its own fork. */
class ForkBatchTest {

    /** The calls made, each as the forks it asked for; a fork's text names its seed and temperature. */
    private final List<List<ForkSampling>> calls = new ArrayList<>();
    private final Function<List<ForkSampling>, List<Generation>> model = forks -> {
        calls.add(forks);
        return forks.stream().map(f -> new Generation("seed " + f.seed() + " at " + f.temperature(), 9, 3, 5)).toList();
    };

    private static Map<Integer, ForkSampling> forks(int... indexes) {
        Map<Integer, ForkSampling> forks = new LinkedHashMap<>();
        for (int index : indexes) {
            forks.put(index, sampling(index));
        }
        return forks;
    }

    private static ForkSampling sampling(int fork) {
        return new ForkSampling(100 + fork, 0.5 * fork);
    }

    private Generation first(ForkBatch batch, int fork) {
        return batch.first(fork, sampling(fork), model, Cancellation.none());
    }

    @Test
    void theFirstForkAsksForEveryWaitingForkAndEachTakesItsOwn() {
        // a resume: forks 1 and 3 have records, so only 0, 2 and 4 are asked for
        ForkBatch batch = new ForkBatch(forks(0, 2, 4));
        assertEquals("seed 104 at 2.0", first(batch, 4).text());
        assertEquals(List.of(List.of(sampling(0), sampling(2), sampling(4))), calls);
        assertEquals(List.of(), batch.waiting());
        assertEquals("seed 100 at 0.0", first(batch, 0).text());
        assertEquals("seed 102 at 1.0", first(batch, 2).text());
        assertEquals(1, calls.size(), "one call for the task's first generations");
        // taken once: a fork asking again (it never does in a run) is generated alone
        assertEquals("seed 102 at 1.0", first(batch, 2).text());
        assertEquals(List.of(sampling(2)), calls.get(1));
    }

    @Test
    void aFailedBatchCallCostsItsForkAndTheOthersThenGenerateAlone() {
        ForkBatch batch = new ForkBatch(forks(0, 1, 2));
        BackendException down = new BackendException("the model failed", false);
        assertThrows(BackendException.class, () -> batch.first(1, sampling(1), forks -> {
            calls.add(forks);
            throw down;
        }, Cancellation.none()));
        assertEquals(List.of(0, 2), batch.waiting(), "fork 1's unit ends with the error; the others still wait");
        assertEquals("seed 100 at 0.0", first(batch, 0).text());
        assertEquals("seed 102 at 1.0", first(batch, 2).text());
        assertEquals(List.of(List.of(sampling(0), sampling(1), sampling(2)), List.of(sampling(0)),
                List.of(sampling(2))), calls, "after a failed batch call each fork asks alone, not for all again");
    }

    @Test
    void aForkAskingWithAnotherSamplingThanTheBatchHoldsForItIsGeneratedAsItAsks() {
        // its record must say what it was sampled with: the batch's guess of its seed is not made for it
        ForkBatch batch = new ForkBatch(forks(0, 1, 2));
        ForkSampling own = new ForkSampling(7, 0.5);
        assertEquals("seed 7 at 0.5", batch.first(1, own, model, Cancellation.none()).text());
        assertEquals(List.of(List.of(own)), calls);
        assertEquals(List.of(0, 2), batch.waiting(), "it leaves the batch; the others still share theirs");
        assertEquals("seed 100 at 0.0", first(batch, 0).text());
        assertEquals(List.of(sampling(0), sampling(2)), calls.get(1));
    }

    @Test
    void aBackendGivingTheWrongNumberOfGenerationsIsAnError() {
        ForkBatch batch = new ForkBatch(forks(0, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> batch.first(0, sampling(0), forks -> List.of(), Cancellation.none()));
        assertEquals("the backend gave 0 generations for 2 forks", e.getMessage());
    }
}
