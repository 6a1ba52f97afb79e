package io.trace2train.engine.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemperatureScheduleTest {

    @Test
    void constantListAndLinearSchedules() {
        assertEquals(1.0, new TemperatureSchedule("1.0").temperature(3, 4));
        TemperatureSchedule list = new TemperatureSchedule("0.7, 1.0");
        assertEquals(0.7, list.temperature(0, 4));
        assertEquals(1.0, list.temperature(1, 4));
        assertEquals(0.7, list.temperature(2, 4), "a list is cycled");
        TemperatureSchedule linear = new TemperatureSchedule("linear:0.4:1.0");
        assertEquals(0.4, linear.temperature(0, 4), 1e-12);
        assertEquals(0.6, linear.temperature(1, 4), 1e-12);
        assertEquals(1.0, linear.temperature(3, 4), 1e-12);
        assertEquals(0.4, linear.temperature(0, 1), 1e-12);
    }

    @Test
    void badSchedulesSayHowToWriteOne() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TemperatureSchedule("hot")).getMessage()
                .contains("linear:LOW:HIGH"));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSchedule("linear:0.5"));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSchedule("-1"));
    }
}
