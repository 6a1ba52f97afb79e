package io.trace2train.cli;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.text.Secrets;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Verification;
import io.trace2train.engine.io.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code trace2train} command line. Exit codes: 0 ok, 1 the work failed (or a bug, reported as one), 2 bad usage
 * or bad input.
 */
@Command(
        name = "trace2train",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        description = "Turns LLM agent runs into verified, repaired, exported training data.")
public final class Main {

    /**
     * Every command's name, in the order help lists them. Picocli reads each command's annotations by reflection when
     * it is added, which took a large share of a short command's start: a command line naming one of these builds that
     * one alone, {@code --version} none; anything else (help, an option first, an unknown name) gets them all.
     */
    private static final List<String> COMMANDS = List.of("verify", "run", "rollouts", "export", "score", "import",
            "validate", "generate", "quantize", "demo", "plugins", "serve", "bench", "help");

    /**
     * A new command object. A switch, not a map of constructor references: JDK 25's ahead-of-time cache crashes while
     * being written when a cached lambda refers to a class it leaves out, as it does picocli's (class file version 49).
     */
    private static Object newCommand(String name) {
        return switch (name) {
            case "verify" -> new VerifyCommand();
            case "run" -> new RunCommand();
            case "rollouts" -> new RolloutsCommand();
            case "export" -> new ExportCommand();
            case "score" -> new ScoreCommand();
            case "import" -> new ImportCommand();
            case "validate" -> new ValidateCommand();
            case "generate" -> new GenerateCommand();
            case "quantize" -> new QuantizeCommand();
            case "demo" -> new DemoCommand();
            case "plugins" -> new PluginsCommand();
            case "serve" -> new ServeCommand();
            // bench's classes load only where they are present (the launcher adds them for bench alone)
            case "bench" -> BenchUnavailable.onClassPath() ? new BenchCommand() : new BenchUnavailable();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

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
        StartupClock.mark("command parsed");
        Engine engine = Engine.start(configFile, pluginDirectory);
        StartupClock.mark("engine started");
        return engine;
    }

    public static void main(String[] args) {
        StartupClock.mark("main");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Terminal.out()));
    }

    /** Runs a command line with the given streams (not a terminal: no colours); used by tests and the demo's steps. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    /** The command line with every command. */
    static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /** The command line for these arguments: the one command they name, or every command (see {@link #COMMANDS}). */
    static CommandLine commandLine(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return commandLine(List.of()); // the version alone names no command
        }
        boolean oneCommand = args.length > 0 && COMMANDS.contains(args[0]) && !args[0].equals("help");
        return commandLine(oneCommand ? List.of(args[0]) : COMMANDS);
    }

    private static CommandLine commandLine(List<String> names) {
        CommandLine commandLine = new CommandLine(new Main());
        for (String name : names) {
            commandLine.addSubcommand(name, newCommand(name));
        }
        return commandLine;
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, boolean colours) {
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        // picocli's AUTO takes a console for a terminal, and JDK 22+ has one even when output is redirected
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(colours ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter stderr = cmd.getErr();
            if (isBadInput(e)) {
                stderr.println("trace2train: " + Secrets.mask(SettingFlags.message(e)));
                return BAD_INPUT;
            }
            if (isWorkFailure(e)) {
                stderr.println("trace2train: " + Secrets.mask(e.getMessage()));
                return WORK_FAILED;
            }
            // anything else is the engine's or a plugin's fault, not the user's: say so, with the trace to report
            stderr.println("trace2train: internal error (a bug in trace2train or a plugin, not a problem with your"
                    + " input): " + Secrets.mask(String.valueOf(e)));
            stderr.println("trace2train: please report it to the trace2train maintainers with the command line and"
                    + " the stack trace below");
            // masked too: a message inside the trace may quote a key
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            stderr.print(Secrets.mask(trace.toString()));
            stderr.flush();
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

    /**
     * The user's input is wrong: the engine's one user-input type (bad files, settings, names, an existing target,
     * plugin jars), a plugin's verdict on its arguments, a command's own arguments, a file that is not there.
     */
    static boolean isBadInput(Exception e) {
        return e instanceof BadInputException || e instanceof InvalidArgumentsException || e instanceof UsageException
                || e instanceof java.nio.file.NoSuchFileException;
    }

    /** The work could not be done (a file system, a backend, checks stuck in a loop): its message says why. */
    private static boolean isWorkFailure(Exception e) {
        return e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof BackendException || e instanceof Verification.StoppedException;
    }
}
