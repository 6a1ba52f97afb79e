package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.engine.io.BadInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Run or export settings that cannot be used: out of range, or on a resume different from the run's own. Bad input,
 * every wrong setting at once, each named in the engine's terms ({@link RunSpec.Setting#label()}, {@link ExportSpec});
 * a front door names each setting its own way with {@link #settings()}.
 */
public final class SettingException extends BadInputException {

    private static final long serialVersionUID = 1L;

    /**
     * One wrong setting.
     *
     * @param setting the setting's name in the engine's terms (e.g. {@code max per task})
     * @param problem what is wrong, read after the setting's name (e.g. " must be at least 1, got 0")
     */
    public record Problem(String setting, String problem) {

        public Problem {
            requireNonNull(setting, "setting");
            requireNonNull(problem, "problem");
        }

        @Override
        public String toString() {
            return setting + problem;
        }
    }

    private final List<Problem> settings;

    /** One wrong setting; {@code problem} is read after the setting's name. */
    public SettingException(RunSpec.Setting setting, String problem) {
        this(requireNonNull(setting, "setting").label(), problem);
    }

    /**
     * One wrong setting.
     *
     * @param setting the setting's name in the engine's terms (e.g. {@code max per task})
     * @param problem what is wrong, read after the setting's name
     */
    public SettingException(String setting, String problem) {
        this(List.of(new Problem(setting, problem)));
    }

    /** Every wrong setting found; at least one. */
    public SettingException(List<Problem> settings) {
        super(settings.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("a SettingException needs at least one problem");
        }
        this.settings = List.copyOf(settings);
    }

    /** Every wrong setting, in the order found. */
    public List<Problem> settings() {
        return settings;
    }

    /**
     * The first wrong setting's name in the engine's terms: a {@link RunSpec.Setting#label()} or an
     * {@link ExportSpec}'s.
     */
    public String setting() {
        return settings.getFirst().setting();
    }

    /** The first wrong setting's message without its name. */
    public String problem() {
        return settings.getFirst().problem();
    }
}
