package io.trace2train.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's training run for the start-up cache (JDK 25's ahead-of-time cache, a class-data archive on older
 * JDKs): the common commands over the shipped examples, in one JVM, so the cache holds what they load whichever
 * command a user runs first. Arguments: the examples folder and an empty scratch folder. Steps whose example files
 * are missing are skipped; exits 1 when a step fails (the launcher then keeps no cache from it).
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StartupTraining EXAMPLES_DIR SCRATCH_DIR");
            System.exit(Main.BAD_INPUT);
        }
        System.exit(train(Path.of(args[0]), Path.of(args[1])));
    }

    /** Runs every step whose files exist; returns 0 when all of them succeeded. */
    static int train(Path examples, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path ifeval = examples.resolve("ifeval");
        Path ifbench = examples.resolve("ifbench");
        List<List<String>> steps = new ArrayList<>();
        steps.add(List.of("--help"));
        steps.add(List.of("plugins"));
        if (Files.isRegularFile(ifeval.resolve("responses_gpt4.jsonl"))) {
            steps.add(List.of("verify", "--prompts", ifeval.resolve("input_data.jsonl").toString(), "--responses",
                    ifeval.resolve("responses_gpt4.jsonl").toString(), "--out", scratch.resolve("ifeval").toString()));
            Path tasks = scratch.resolve("tasks.jsonl");
            // a few tasks: the run's code paths, not its volume
            try (var lines = Files.lines(ifeval.resolve("input_data.jsonl"))) {
                Files.write(tasks, lines.limit(40).toList());
            }
            Path run = scratch.resolve("run");
            steps.add(List.of("run", "--tasks", tasks.toString(), "--mode", "full_pcl", "--backend", "replay",
                    "--responses", ifeval.resolve("responses_gpt4.jsonl").toString(), "--out", run.toString()));
            steps.add(List.of("validate", run.resolve("records.jsonl").toString()));
            for (String format : List.of("sft", "dpo", "kto", "rewards")) {
                steps.add(List.of("export", "--run", run.toString(), "--format", format, "--out",
                        scratch.resolve(format + ".jsonl").toString()));
            }
        }
        if (Files.isRegularFile(ifbench.resolve("sample_output.jsonl"))) {
            steps.add(List.of("verify", "--prompts", ifbench.resolve("IFBench_test.jsonl").toString(), "--responses",
                    ifbench.resolve("sample_output.jsonl").toString(), "--out", scratch.resolve("ifbench").toString()));
        }
        int failed = 0;
        for (List<String> step : steps) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(step.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            // IFBench's shipped samples lack 7 responses: verify reports them and still exits 0
            if (code != Main.OK) {
                failed++;
                System.err.println("training step failed (" + code + "): " + String.join(" ", step) + "\n" + err);
            }
        }
        return failed == 0 ? Main.OK : Main.WORK_FAILED;
    }
}
