package io.trace2train.engine.config;

import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a {@code key = value} configuration file ({@code #} starts a comment) into an {@link EngineConfig}.
 * Unknown keys are rejected with the closest known ones; every problem is collected before failing.
 */
public final class ConfigFile {

    /** Each known key and how it changes the config; relative paths resolve against the file's folder. */
    private static final Map<String, BiFunction<EngineConfig, Path, EngineConfig>> KEYS = Map.of(
            "plugin.dir", EngineConfig::withPluginDirectory);

    private ConfigFile() {
    }

    static Set<String> knownKeys() {
        return KEYS.keySet();
    }

    /** @throws BadInputException listing every wrong line */
    public static EngineConfig read(Path file, EngineConfig base) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BadInputException(List.of(new InputProblem(file, 0, "", "cannot read: " + e.getMessage())));
        }
        List<InputProblem> problems = new ArrayList<>();
        EngineConfig config = base;
        Path folder = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            int eq = line.indexOf('=');
            if (eq < 0) {
                problems.add(new InputProblem(file, number, "", "expected 'key = value' but got '" + line + "'"));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            var setter = KEYS.get(key);
            if (setter == null) {
                List<String> close = Suggestions.closest(key, KEYS.keySet(), 3);
                problems.add(new InputProblem(file, number, "", "unknown key '" + key + "'"
                        + (close.isEmpty() ? "; known keys: " + KEYS.keySet() : "; did you mean " + close + "?")));
            } else if (value.isEmpty()) {
                problems.add(new InputProblem(file, number, "", "'" + key + "' has no value"));
            } else {
                config = setter.apply(config, folder.resolve(value).normalize());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return config;
    }
}
