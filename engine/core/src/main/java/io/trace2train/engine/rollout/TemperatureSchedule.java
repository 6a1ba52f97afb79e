package io.trace2train.engine.rollout;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The temperature of each fork of a rollout: one value for all ({@code 1.0}), a list cycled over the forks
 * ({@code 0.7,1.0,1.3}), or evenly spaced from a low to a high value ({@code linear:0.5:1.3}; fork 0 gets the low one).
 *
 * @param spec the schedule as written
 */
public record TemperatureSchedule(String spec) {

    public TemperatureSchedule {
        requireNonNull(spec, "spec");
        parse(spec);
    }

    public double temperature(int fork, int forks) {
        String text = spec.trim();
        if (text.startsWith("linear:")) {
            List<Double> bounds = parse(spec);
            return forks <= 1 ? bounds.get(0) : bounds.get(0) + (bounds.get(1) - bounds.get(0)) * fork / (forks - 1);
        }
        List<Double> values = parse(spec);
        return values.get(fork % values.size());
    }

    /** The temperatures, or the linear schedule's two bounds. */
    private static List<Double> parse(String spec) {
        String text = spec.trim();
        boolean linear = text.startsWith("linear:");
        String[] parts = (linear ? text.substring("linear:".length()) : text).split(linear ? ":" : ",");
        if (linear && parts.length != 2) {
            throw new IllegalArgumentException("temperature schedule '" + spec + "': write linear:LOW:HIGH");
        }
        List<Double> values = new ArrayList<>();
        for (String part : parts) {
            double value;
            try {
                value = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("temperature schedule '" + spec + "': '" + part + "' is not a"
                        + " number; write T, T1,T2,... or linear:LOW:HIGH");
            }
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("temperature schedule '" + spec + "': temperatures are 0 or more");
            }
            values.add(value);
        }
        return values;
    }

    @Override
    public String toString() {
        return spec.toLowerCase(Locale.ROOT);
    }
}
