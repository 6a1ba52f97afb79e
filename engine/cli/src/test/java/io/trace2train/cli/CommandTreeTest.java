package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A command line naming one command builds that command alone; everything else still sees every command. */
class CommandTreeTest {

    private static final List<String> EVERY_COMMAND = List.of("verify", "run", "rollouts", "export", "score", "import",
            "validate", "generate", "quantize", "demo", "plugins", "serve", "bench", "help");

    @Test
    void eachCommandIsRegisteredUnderItsOwnAnnotatedName() {
        Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
        assertEquals(EVERY_COMMAND, List.copyOf(commands.keySet()));
        commands.forEach((name, command) -> assertEquals(name,
                command.getCommand().getClass().getAnnotation(Command.class).name(), "the name it is listed under"));
    }

    @Test
    void aNamedCommandBuildsThatCommandAlone() {
        for (String name : EVERY_COMMAND) {
            List<String> built = List.copyOf(Main.commandLine(new String[] {name, "--help"}).getSubcommands().keySet());
            assertEquals(name.equals("help") ? EVERY_COMMAND : List.of(name), built, name);
        }
    }

    @Test
    void theVersionAloneBuildsNoCommand() {
        for (String option : List.of("--version", "-V")) {
            assertEquals(Map.of(), Main.commandLine(new String[] {option}).getSubcommands(), option);
            CommandLineRun version = CommandLineRun.of(option);
            assertEquals(0, version.exitCode(), version::toString);
            assertTrue(version.out().startsWith("trace2train "), version::toString);
        }
        assertEquals(EVERY_COMMAND, List.copyOf(Main.commandLine(new String[] {"--version", "verify"})
                .getSubcommands().keySet()), "with more after it, every command");
    }

    @Test
    void optionsFirstHelpAndUnknownNamesSeeEveryCommand() {
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"--plugins", "x", "verify"},
                new String[] {"verfy"}, new String[] {"help", "verify"})) {
            assertEquals(EVERY_COMMAND, List.copyOf(Main.commandLine(args).getSubcommands().keySet()),
                    String.join(" ", args));
        }
        CommandLineRun help = CommandLineRun.of("--help");
        assertEquals(0, help.exitCode(), help::toString);
        for (String name : EVERY_COMMAND) {
            assertTrue(help.out().contains("  " + name + " "), name + " is listed: " + help);
        }
        CommandLineRun unknown = CommandLineRun.of("verfy");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("Did you mean: trace2train verify"), unknown::toString);
    }

    @Test
    void aCommandsHelpIsTheSameWhetherBuiltAloneOrWithTheRest() {
        for (String name : EVERY_COMMAND) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine alone = Main.commandLine(new String[] {name}).getSubcommands().get(name);
            CommandLine inTree = Main.commandLine().getSubcommands().get(name);
            assertEquals(inTree.getUsageMessage(CommandLine.Help.Ansi.OFF),
                    alone.getUsageMessage(CommandLine.Help.Ansi.OFF), name);
        }
    }
}
