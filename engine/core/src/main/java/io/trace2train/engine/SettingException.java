package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

/**
 * A run setting that cannot be used: out of range, or on a resume different from the run's own. Bad input, named in
 * the engine's terms ({@link RunSpec.Setting#label()}, {@link ExportSpec}); a front door names the setting its own way with
 * {@link #problem()}.
 */
public final class SettingException extends IllegalArgumentException {

    private final String setting;
    private final String problem;

    /** @param problem what is wrong, read after the setting's name (e.g. " must be at least 1, got 0") */
    public SettingException(RunSpec.Setting setting, String problem) {
        this(requireNonNull(setting, "setting").label(), problem);
    }

    /**
     * @param setting the setting's name in the engine's terms (e.g. {@code max per task})
     * @param problem what is wrong, read after the setting's name
     */
    public SettingException(String setting, String problem) {
        super(requireNonNull(setting, "setting") + requireNonNull(problem, "problem"));
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting's name in the engine's terms: a {@link RunSpec.Setting#label()} or an {@link ExportSpec}'s. */
    public String setting() {
        return setting;
    }

    /** The message without the setting's name. */
    public String problem() {
        return problem;
    }
}
