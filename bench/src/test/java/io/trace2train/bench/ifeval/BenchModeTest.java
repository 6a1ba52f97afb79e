package io.trace2train.bench.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.run.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchModeTest {

    @Test
    void runModesAndRolloutsParseInOrder() {
        List<BenchMode> modes = BenchMode.parseList("direct, full_pcl,rollouts:4,prompt_retry");
        assertEquals(List.of("direct", "full_pcl", "rollouts:4", "prompt_retry"),
                modes.stream().map(BenchMode::name).toList());
        assertTrue(modes.get(0).isDirect());
        BenchMode rollouts = modes.get(2);
        assertEquals(Mode.DIRECT, rollouts.mode());
        assertEquals(4, rollouts.recordsPerPrompt());
        assertFalse(rollouts.isDirect());
        assertEquals("rollouts_4-seed43", rollouts.folderName(43));
        assertEquals(4, rollouts.forks());
        assertEquals(0, modes.get(1).forks(), "a plain run has no forks");
    }

    @Test
    void unknownEmptyAndRepeatedModesAreRefused() {
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> BenchMode.parseList("direct,best_of:3"));
        assertTrue(unknown.getMessage().contains("unknown mode 'best_of:3'"), unknown.getMessage());
        assertThrows(BadInputException.class, () -> BenchMode.parseList("direct,,full_pcl"));
        assertThrows(BadInputException.class, () -> BenchMode.parseList("rollouts:0"));
        assertThrows(BadInputException.class, () -> BenchMode.parseList("rollouts:x"));
        BadInputException twice = assertThrows(BadInputException.class,
                () -> BenchMode.parseList("rollouts:2,rollouts:02"));
        assertTrue(twice.getMessage().contains("named twice"), twice.getMessage());
    }
}
