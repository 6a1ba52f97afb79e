package io.trace2train.bench.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.run.Mode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mode of the benchmark: a run mode ({@code direct}, {@code prompt_retry}, {@code full_pcl}), or
 * {@code rollouts:N}, best of N forks in direct mode: a prompt passes if any fork passes.
 *
 * @param name as written on the command line and in the results
 * @param mode how each record is run
 * @param forks forks per prompt for {@code rollouts:N}; 0 for a plain run
 */
public record BenchMode(String name, Mode mode, int forks) {

    public static final String DIRECT = "direct";
    private static final Pattern ROLLOUTS = Pattern.compile("rollouts:([0-9]{1,4})");
    private static final String EXPECTED = "expected direct, prompt_retry, full_pcl or rollouts:N (best of N forks,"
            + " N >= 1)";

    public BenchMode {
        requireNonNull(name, "name");
        requireNonNull(mode, "mode");
        if (forks < 0) {
            throw new IllegalArgumentException("forks must be 0 (a plain run) or more, got " + forks);
        }
    }

    /** @throws BadInputException for an unknown mode, saying which are known */
    public static BenchMode parse(String text) {
        String name = text.strip();
        Matcher rollouts = ROLLOUTS.matcher(name);
        if (rollouts.matches()) {
            int forks = Integer.parseInt(rollouts.group(1)); // at most 4 digits
            if (forks < 1) {
                throw new BadInputException("mode '" + name + "': a rollout needs at least 1 fork");
            }
            return new BenchMode("rollouts:" + forks, Mode.DIRECT, forks);
        }
        for (Mode mode : Mode.values()) {
            if (mode.json().equals(name)) {
                return new BenchMode(name, mode, 0);
            }
        }
        throw new BadInputException("unknown mode '" + name + "': " + EXPECTED);
    }

    /** A comma-separated list, in the order given; refuses an empty list and a mode named twice. */
    public static List<BenchMode> parseList(String text) {
        List<BenchMode> modes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw new BadInputException("--modes '" + text + "': an empty mode; " + EXPECTED);
            }
            BenchMode mode = parse(part);
            if (!names.add(mode.name())) {
                throw new BadInputException("--modes '" + text + "': " + mode.name() + " is named twice");
            }
            modes.add(mode);
        }
        return List.copyOf(modes);
    }

    /** Whether this is the plain {@code direct} mode, the baseline the others are tested against. */
    public boolean isDirect() {
        return forks == 0 && mode == Mode.DIRECT;
    }

    /** Records per prompt: the forks, or 1. */
    public int recordsPerPrompt() {
        return Math.max(1, forks);
    }

    /** The run folder of one seed, e.g. {@code full_pcl-seed42} or {@code rollouts_4-seed43}. */
    public String folderName(long seed) {
        return name.replace(':', '_') + "-seed" + seed;
    }

    @Override
    public String toString() {
        return name;
    }
}
