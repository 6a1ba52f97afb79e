package io.trace2train.cli;

import io.trace2train.engine.RescoreSpec;
import io.trace2train.engine.Rescoring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Judges the records of run folders again with a new constraint set or reward, into a new run folder. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Judge the records of run (rollout, import) folders again, without generating: every output"
                + " checked by a new constraint set and scored by a new reward, written in input order as a new run"
                + " folder (the same records with the new verdicts, rewards and versions) that export reads."})
final class ScoreCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUNDIR",
            description = "A run folder; repeatable (their records are judged one folder after the other).")
    List<Path> runs;

    @Option(names = "--constraints", paramLabel = "FILE", description = "A task file (task rows or IFEval prompt"
            + " rows) whose rows give each task's new constraints, by task id (default: each record's own).")
    Path constraints;

    @Option(names = "--add-constraint", paramLabel = "ID[:ARGS]", description = "A constraint added to every"
            + " task's: ID, ID:{\"arg\": value} or a constraint object; repeatable.")
    List<String> added = new ArrayList<>();

    @Option(names = "--reward", paramLabel = "NAME",
            description = "The reward function (default: the one that scored each record).")
    String reward;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The new run folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Rescoring.RescoreResult result = main.engine().rescoring().rescore(new RescoreSpec(runs, constraints, added,
                reward), out);
        spec.commandLine().getOut().printf(Locale.ROOT, "%d records judged again: %d pass (%d before), %d changed;"
                + " run %s in %s%n", result.records(), result.passed(), result.passedBefore(), result.changed(),
                result.runId(), result.folder());
        return Main.OK;
    }
}
