package io.trace2train.cli;

import io.trace2train.engine.ExistingTargetException;
import io.trace2train.engine.VerifyResult;
import io.trace2train.engine.ifeval.IfevalEvaluator;
import io.trace2train.engine.verify.Strictness;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * IFEval's and IFBench's evaluation: judges recorded responses, writes the references' result files and prints the
 * figures. A row with a string key (IFBench's test file) finds its response by IFBench's rule.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check responses against IFEval- or IFBench-format prompts, strictly and loosely, as the"
                + " references do (one file may mix them; IFEval ids are judged by the ifeval plugin).",
                "Writes DIR/eval_results_strict.jsonl and DIR/eval_results_loose.jsonl and prints the accuracy."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--prompts", required = true, paramLabel = "PROMPTS.jsonl",
            description = "Prompt rows: key, prompt, instruction_id_list, kwargs (IFEval: integer keys; IFBench: string"
                    + " keys).")
    Path prompts;

    @Option(names = "--responses", required = true, paramLabel = "RESPONSES.jsonl",
            description = "Response rows: prompt, response (joined to the prompts by exact prompt text; for IFBench's"
                    + " string-keyed rows, else by the stripped prompt).")
    Path responses;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the result files go.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the result files in --out if they exist.")
    boolean overwrite;

    @Option(names = "--prompt-timeout", defaultValue = "120", paramLabel = "SEC",
            description = {"A prompt whose checks take longer is abandoned: its instructions count as not followed, with"
                    + " an error (default: ${DEFAULT-VALUE}; built-in checks end far sooner, a plugin stuck in a loop"
                    + " never does)."})
    long promptTimeout;

    @Override
    public Integer call() throws IOException {
        VerifyResult result;
        try {
            if (promptTimeout < 1) {
                throw new UsageException("--prompt-timeout must be at least 1 second, got " + promptTimeout);
            }
            result = main.engine().verify().files(prompts, responses, out, overwrite,
                    java.time.Duration.ofSeconds(promptTimeout));
        } catch (ExistingTargetException e) {
            throw new UsageException(out + " already holds results (" + e.file().getFileName()
                    + "): choose another --out folder, or replace them with --overwrite", e);
        }
        StartupClock.mark("responses judged and written");
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!result.missing().isEmpty()) {
            stderr.printf("trace2train: %d prompt(s) have no response in %s and count as failed: keys %s%n",
                    result.missing().size(), responses, result.missing());
        }
        new ReportPrinter(stdout).print(result.reports());
        List<String> notCheckable = result.notCheckable();
        if (!notCheckable.isEmpty()) {
            stderr.printf("trace2train: %d prompt(s) have an instruction that could not be checked within its work"
                    + " budget (a runaway regex argument); counted as not followed and marked in"
                    + " not_checkable_instruction_list: keys %s%n", notCheckable.size(), notCheckable);
        }
        stdout.printf("results: %s, %s%n", result.files().get(Strictness.STRICT), result.files().get(Strictness.LOOSE));
        List<IfevalEvaluator.JudgedPrompt> errored = result.errored();
        for (IfevalEvaluator.JudgedPrompt prompt : errored) {
            prompt.errors().forEach(e -> stderr.printf("trace2train: key %s: %s; counted as not followed%n",
                    prompt.strict().prompt().key(), e));
        }
        if (!errored.isEmpty()) {
            stderr.printf("trace2train: %d prompt(s) had instructions that could not be checked; the figures count"
                    + " them as not followed%n", errored.size());
            return Main.WORK_FAILED;
        }
        StartupClock.mark("report printed");
        return Main.OK;
    }
}
