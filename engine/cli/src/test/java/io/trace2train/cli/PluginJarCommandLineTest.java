package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verifier jar built apart from the project, dropped into a plugin folder, and used by its instruction id from the
 * command line: nothing else is rebuilt.
 */
class PluginJarCommandLineTest {

    @TempDir
    Path dir;

    @Test
    void aDroppedInVerifierJarIsListedAndUsedByVerify() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJarBuilder.endsWithPlugin("com.example.t2t", "example", "example:ends_with")
                .build(plugins.resolve("example-verifier.jar"));
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), """
                {"key": 1, "prompt": "Shout", "instruction_id_list": ["example:ends_with", "punctuation:no_comma"], "kwargs": [{"suffix": "!"}, {}]}
                {"key": 2, "prompt": "Whisper", "instruction_id_list": ["example:ends_with"], "kwargs": [{"suffix": "!"}]}
                """);
        Path responses = Files.writeString(dir.resolve("r.jsonl"), """
                {"prompt": "Shout", "response": "HELLO!"}
                {"prompt": "Whisper", "response": "hello."}
                """);

        CommandLineRun listing = CommandLineRun.of("--plugins", plugins, "plugins");
        assertEquals(Main.OK, listing.exitCode(), listing::toString);
        assertTrue(listing.out().contains("plugin example  (" + plugins.resolve("example-verifier.jar")), listing::toString);
        assertTrue(listing.out().lines().anyMatch(l -> l.contains("example:ends_with(suffix)") && l.contains("v2.1.0")),
                listing::toString);

        CommandLineRun run = CommandLineRun.of("--plugins", plugins, "verify", "--prompts", prompts,
                "--responses", responses, "--out", dir.resolve("out"));
        assertEquals(Main.OK, run.exitCode(), run::toString);
        List<String> strict = Files.readAllLines(dir.resolve("out/eval_results_strict.jsonl"));
        assertTrue(strict.get(0).contains("\"follow_instruction_list\": [true, true]"), strict.get(0));
        assertTrue(strict.get(1).contains("\"follow_instruction_list\": [false]"), strict.get(1));
        assertTrue(run.out().lines().anyMatch(l -> l.contains("example:ends_with") && l.contains("1/2 0.5000")),
                run::toString);

        // without the plugin folder the id is unknown: the jar, not a rebuild, brought it
        CommandLineRun without = CommandLineRun.of("verify", "--prompts", prompts, "--responses", responses,
                "--out", dir.resolve("out2"));
        assertEquals(Main.BAD_INPUT, without.exitCode(), without::toString);
        assertTrue(without.err().contains("unknown instruction id 'example:ends_with'"), without::toString);
    }

    @Test
    void anEnvironmentFromAPluginJarIsListed() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJarBuilder.counterEnvironmentPlugin("com.example.env", "counting", "counter", "1.2.0")
                .build(plugins.resolve("counter.jar"));

        CommandLineRun listing = CommandLineRun.of("--plugins", plugins, "plugins");
        assertEquals(Main.OK, listing.exitCode(), listing::toString);
        assertTrue(listing.out().contains("plugin counting  (" + plugins.resolve("counter.jar") + ")"),
                listing::toString);
        assertTrue(listing.out().lines().anyMatch(l -> l.startsWith("  env ") && l.contains("counter(start?)")
                && l.contains("v1.2.0") && l.endsWith("A counter.")), listing::toString);
    }

    @Test
    void thePluginFolderCanComeFromTheConfigFile() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("jars"));
        PluginJarBuilder.endsWithPlugin("com.example.cfg", "fromconfig", "cfg:ends_with")
                .build(plugins.resolve("cfg.jar"));
        Path config = Files.writeString(dir.resolve("t2t.conf"), "plugin.dir = jars\n");

        CommandLineRun listing = CommandLineRun.of("--config", config, "plugins");
        assertEquals(Main.OK, listing.exitCode(), listing::toString);
        assertTrue(listing.out().contains("cfg:ends_with"), listing::toString);
    }

    @Test
    void aBrokenPluginFolderStopsStartUpWithExitTwoAndNamesTheJar() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        new PluginJarBuilder().resource("x.txt", "no plugin").build(plugins.resolve("stray.jar"));

        CommandLineRun run = CommandLineRun.of("--plugins", plugins, "plugins");
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("stray.jar") && run.err().contains("holds no trace2train plugin"), run::toString);
    }

    @Test
    void theBuiltInPluginsListAll25Ifeval58IfbenchAnd10AgentChecksWithVersions() {
        CommandLineRun listing = CommandLineRun.of("plugins");
        assertEquals(Main.OK, listing.exitCode(), listing::toString);
        assertEquals(25, versionedVerifiers(listing.out(), "ifeval"), listing::toString);
        assertEquals(58, versionedVerifiers(listing.out(), "ifbench"), listing::toString);
        assertEquals(10, versionedVerifiers(listing.out(), "agent"), listing::toString);
        assertTrue(listing.out().contains("  reward   state "), listing::toString);
        assertTrue(listing.out().contains("\nplugin tau-airline  (")
                && listing.out().contains("  env      tau-airline "), listing::toString);
    }

    /** The verifiers with a version listed under one plugin's heading. */
    private static long versionedVerifiers(String listing, String plugin) {
        String section = listing.substring(listing.indexOf("plugin " + plugin + "  ("));
        int next = section.indexOf("\nplugin ");
        return (next < 0 ? section : section.substring(0, next)).lines()
                .filter(l -> l.startsWith("  verifier ") && l.contains(" v1.0.0 ")).count();
    }
}
