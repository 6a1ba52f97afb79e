package io.trace2train.cli;

import picocli.CommandLine.Command;

/** Runs every task of a file once in one mode and writes one compliance record per task into a run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run tasks (task specs or IFEval prompt rows, JSONL) in a mode, verify and repair, and append one",
                "compliance-eval-record/v1 per task to RUNDIR/records.jsonl. A killed run continues with --resume."})
final class RunCommand extends RunCommandBase {

    @Override
    String unitName() {
        return "tasks";
    }
}
