package io.trace2train.cli;

import io.trace2train.api.text.Secrets;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.ConfigFile;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.plugin.PluginLoadingException;
import io.trace2train.engine.verify.UnknownVerifierException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code trace2train} command line. Exit codes: 0 ok, 1 the work failed, 2 bad usage or bad input. */
@Command(
        name = "trace2train",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        description = "Turns LLM agent runs into verified, repaired, exported training data.",
        subcommands = {VerifyCommand.class, RunCommand.class, RolloutsCommand.class, ExportCommand.class,
                ImportCommand.class, ValidateCommand.class, GenerateCommand.class,
                QuantizeCommand.class, DemoCommand.class,
                PluginsCommand.class})
public final class Main {

    public static final int OK = 0;
    public static final int WORK_FAILED = 1;
    public static final int BAD_INPUT = 2;

    @Option(names = "--plugins", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "A folder of plugin jars to load besides the built-in plugins.")
    Path pluginDirectory;

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "A 'key = value' configuration file (keys: plugin.dir).")
    Path configFile;

    /** Starts the engine as configured: the config file first, then command-line options over it. */
    Engine engine() {
        EngineConfig config = EngineConfig.defaults();
        if (configFile != null) {
            config = ConfigFile.read(configFile, config);
        }
        if (pluginDirectory != null) {
            config = config.withPluginDirectory(pluginDirectory);
        }
        return Engine.start(config);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Terminal.out()));
    }

    /** Runs a command line with the given streams (not a terminal: no colours); used by tests and the demo's steps. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    /** Every command; bench joins here, not in the annotation: its classes load only where they are present. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.addSubcommand(BenchUnavailable.onClassPath() ? new BenchCommand() : new BenchUnavailable());
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        return commandLine;
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, boolean colours) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        // picocli's AUTO takes a console for a terminal, and JDK 22+ has one even when output is redirected
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(colours ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("trace2train: " + Secrets.mask(SettingFlags.message(e)));
            if (isBadInput(e)) {
                return BAD_INPUT;
            }
            if (!(e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                    || e instanceof io.trace2train.api.backend.BackendException
                    || e instanceof io.trace2train.engine.ifeval.IfevalEvaluator.ChecksStuckException)) {
                // a bug's trace, masked too: a message inside it may quote a key
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                cmd.getErr().print(Secrets.mask(trace.toString()));
                cmd.getErr().flush();
            }
            return WORK_FAILED;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // one line, not a stack trace: records are appended whole as units finish, so a run folder is resumable
            err.println("trace2train: out of memory (" + e.getMessage() + "): give the JVM more (TRACE2TRAIN_JAVA_OPTS="
                    + "-Xmx...) or lower --concurrency; a run's finished records are kept, continue it with --resume");
            return WORK_FAILED;
        }
    }

    private static boolean isBadInput(Exception e) {
        // the engine's user-input types first; an IllegalArgumentException is still taken as bad input, as commands
        // check their own arguments with it
        return e instanceof BadInputException || e instanceof io.trace2train.engine.SettingException
                || e instanceof io.trace2train.engine.ExistingTargetException || e instanceof PluginLoadingException
                || e instanceof UnknownVerifierException || e instanceof IllegalArgumentException
                || e instanceof java.nio.file.NoSuchFileException;
    }
}
