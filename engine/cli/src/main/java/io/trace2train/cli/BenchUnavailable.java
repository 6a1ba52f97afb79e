package io.trace2train.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The bench command where the benchmarks are not on the class path: the product's jar leaves them out (JMH and the
 * benchmark harness are no part of the other commands), and the launcher adds them for {@code bench} alone.
 */
@Command(name = "bench", description = "Benchmarks that print figures.")
final class BenchUnavailable implements Callable<Integer> {

    /** A class of the bench module; its absence means the class path is the product's alone. */
    private static final String BENCH_CLASS = "io.trace2train.bench.VerifyBenchmark";

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> arguments;

    static boolean onClassPath() {
        try {
            Class.forName(BENCH_CLASS, false, Main.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("trace2train: bench needs the benchmarks on the class path, which the"
                + " product's jar leaves out: run it as './trace2train bench ...' (the launcher adds bench/target/"
                + "trace2train-bench.jar and bench/target/lib/), or add them to -cp yourself");
        return Main.BAD_INPUT;
    }
}
