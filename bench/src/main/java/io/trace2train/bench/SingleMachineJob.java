package io.trace2train.bench;

import io.trace2train.engine.Engine;
import io.trace2train.engine.ExportSpec;
import java.nio.file.Path;

/**
 * The single-machine side of {@link SparkBenchmark} in a child JVM, as the {@code export} and {@code verify} commands
 * run it (the engine's use cases, default settings), so both sides pay a JVM start:
 * {@code export FORMAT RUN_FOLDER OUT_FILE} or {@code verify PROMPTS RESPONSES OUT_DIR}.
 */
public final class SingleMachineJob {

    private SingleMachineJob() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[0].equals("export") || args[0].equals("verify"))) {
            System.err.println("usage: SingleMachineJob export FORMAT RUN_FOLDER OUT_FILE"
                    + " | verify PROMPTS RESPONSES OUT_DIR");
            System.exit(2);
        }
        Engine engine = Engine.start(null, null);
        if (args[0].equals("export")) {
            engine.exports().export(ExportSpec.builder(args[1], Path.of(args[3])).run(Path.of(args[2]))
                    .overwrite(true).build());
        } else {
            engine.verify().files(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), true);
        }
        // the engine's pools are not daemons: the command ends here, as the CLI does
        System.exit(0);
    }
}
