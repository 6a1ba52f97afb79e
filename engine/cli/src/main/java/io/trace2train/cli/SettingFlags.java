package io.trace2train.cli;

import io.trace2train.engine.ExistingTargetException;
import io.trace2train.engine.ExportSpec;
import io.trace2train.engine.RunSpec.Setting;
import io.trace2train.engine.SettingException;
import java.util.List;
import java.util.Map;

/** The command line's name for each engine setting, so the engine's messages reach the user in the flags they typed. */
final class SettingFlags {

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry(Setting.TASKS.label(), "--tasks"), Map.entry(Setting.MODE.label(), "--mode"),
            Map.entry(Setting.BACKEND.label(), "--backend"),
            Map.entry(Setting.FIRST_ATTEMPTS.label(), "--first-attempts"), Map.entry(Setting.SEED.label(), "--seed"),
            Map.entry(Setting.TEMPERATURE.label(), "--temperature"), Map.entry(Setting.TOP_P.label(), "--top-p"),
            Map.entry(Setting.MAX_NEW_TOKENS.label(), "--max-new-tokens"), Map.entry(Setting.STOP.label(), "--stop"),
            Map.entry(Setting.RETRIES.label(), "--retries"), Map.entry(Setting.ROUNDS.label(), "--rounds"),
            Map.entry(Setting.REWARD.label(), "--reward"), Map.entry(Setting.FORKS.label(), "--forks"),
            Map.entry(Setting.TEMPERATURES.label(), "--temperatures"),
            Map.entry(Setting.STOP_AFTER_PASSES.label(), "--stop-after-passes"),
            Map.entry(Setting.BRANCH_AT.label(), "--branch-at"),
            Map.entry(Setting.CONCURRENCY.label(), "--concurrency"),
            Map.entry(Setting.UNIT_TIMEOUT.label(), "--unit-timeout"),
            Map.entry(Setting.MAX_STEPS.label(), "--max-steps"),
            Map.entry(Setting.MAX_TOOL_CALLS.label(), "--max-tool-calls"),
            Map.entry(Setting.MAX_TOKENS.label(), "--max-tokens"),
            Map.entry(Setting.EPISODE_TIMEOUT.label(), "--episode-timeout"),
            Map.entry(ExportSpec.MAX_PER_TASK, "--max-per-task"), Map.entry(ExportSpec.MIN_REWARD, "--min-reward"),
            Map.entry(ExportSpec.RUNS, "--run"));

    private SettingFlags() {
    }

    /** The flag of an engine setting, or the setting's own name where no flag sets it. */
    static String flag(String setting) {
        return FLAGS.getOrDefault(setting, setting);
    }

    /** The message of an engine exception about user input, in the command line's terms. */
    static String message(Exception e) {
        if (e instanceof SettingException s) {
            List<String> lines = s.settings().stream().map(p -> flag(p.setting()) + p.problem()
                    .replace("a resume continues", "--resume continues")
                    .replace("start a new run", "start a new run with --out")).toList();
            return lines.size() == 1 ? lines.getFirst()
                    : lines.size() + " settings are wrong:\n  " + String.join("\n  ", lines);
        }
        if (e instanceof ExistingTargetException x) {
            return x.file() + " already exists: choose another --out file, or replace it with --overwrite";
        }
        return e.getMessage();
    }
}
