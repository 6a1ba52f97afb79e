package io.trace2train.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path plugins;

    /** The agent plugin (a test dependency here) loads with its ten episode constraints and the state reward. */
    @Test
    void theAgentPluginLoadsWithItsTenConstraintsAndTheStateReward() {
        LoadedPlugin agent = new PluginLoader().load(null).stream().filter(p -> p.name().equals("agent"))
                .findFirst().orElseThrow();
        assertEquals(List.of("tool:arguments_valid", "tool:known", "tool:allowed", "tool:forbidden",
                "tool:required_calls", "tool:order", "tool:max_calls", "tool:answered", "answer:told_user",
                "env:state_matches"), agent.contributions(PluginKind.VERIFIERS).stream()
                        .map(io.trace2train.api.verify.VerifierFactory::id).toList());
        assertEquals(List.of("state"), agent.contributions(PluginKind.REWARDS).stream().map(r -> r.name()).toList());
        assertEquals(io.trace2train.verifiers.agent.AgentPlugin.class, agent.plugin().getClass());
    }

    @Test
    void findsTheBuiltInPluginOnTheClassPath() {
        List<LoadedPlugin> loaded = new PluginLoader().load(null);
        // tau-airline and agent are on the test class path for the imports of episodes: 25 IFEval + 10 agent ids
        assertEquals(List.of("agent", "core", "ifeval", "tau-airline"),
                loaded.stream().map(LoadedPlugin::name).sorted().toList());
        assertEquals(35, loaded.stream().mapToInt(p -> p.plugin().verifierFactories().size()).sum());
    }

    @Test
    void bindsAVerifierFromAPluginJarByName() throws Exception {
        PluginJarBuilder.endsWithPlugin("acme.bang", "acme", "acme:ends_with").build(plugins.resolve("acme.jar"));

        Engine engine = Engine.start(EngineConfig.defaults().withPluginDirectory(plugins));
        Verifier verifier = engine.verifiers().create("acme:ends_with", Map.of("suffix", "!"));

        Verdict pass = verifier.check("Hello!");
        Verdict fail = verifier.check("Hello.");
        assertTrue(pass.passed());
        assertFalse(fail.passed());
        assertEquals("2.1.0", fail.verifierVersion());
        assertEquals("End the response with !", fail.hint());
        assertTrue(engine.plugins().stream().anyMatch(p -> p.name().equals("acme")
                && p.source().endsWith("acme.jar")));
        // the built-in verifiers are still there, beside the jar's
        assertTrue(engine.verifiers().factory("punctuation:no_comma").isPresent());
    }

    @Test
    void aJarWithoutAPluginIsRejectedByName() throws Exception {
        new PluginJarBuilder().resource("readme.txt", "nothing here").build(plugins.resolve("empty.jar"));

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        assertEquals(1, e.pluginProblems().size());
        assertTrue(e.pluginProblems().getFirst().contains("empty.jar"), e.getMessage());
        assertTrue(e.pluginProblems().getFirst().contains("holds no trace2train plugin"), e.getMessage());
    }

    @Test
    void duplicatePluginNamesNameBothJars() throws Exception {
        PluginJarBuilder.endsWithPlugin("one", "twin", "one:ends_with").build(plugins.resolve("a.jar"));
        PluginJarBuilder.endsWithPlugin("two", "twin", "two:ends_with").build(plugins.resolve("b.jar"));

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        assertEquals(1, e.pluginProblems().size(), e.getMessage());
        String problem = e.pluginProblems().getFirst();
        assertTrue(problem.contains("duplicate plugin name 'twin'") && problem.contains("a.jar")
                && problem.contains("b.jar"), problem);
    }

    @Test
    void aVerifierIdTakenByTheBuiltInPluginIsADuplicate() throws Exception {
        PluginJarBuilder.endsWithPlugin("clash", "clash", "punctuation:no_comma").build(plugins.resolve("clash.jar"));

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        String problem = e.pluginProblems().getFirst();
        assertTrue(problem.contains("duplicate verifier 'punctuation:no_comma'") && problem.contains("'ifeval'")
                && problem.contains("clash.jar"), problem);
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        PluginJarBuilder.endsWithPlugin("badname", "Bad Name", "x:y").build(plugins.resolve("bad-name.jar"));
        PluginJarBuilder.endsWithPlugin("badid", "badid", "NoCategory").build(plugins.resolve("bad-id.jar"));
        new PluginJarBuilder().resource("x.txt", "x").build(plugins.resolve("empty.jar"));

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        assertEquals(3, e.pluginProblems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("invalid name 'Bad Name'"), e.getMessage());
        assertTrue(e.getMessage().contains("verifier with an invalid name 'NoCategory'"), e.getMessage());
        assertTrue(e.getMessage().contains("empty.jar"), e.getMessage());
    }

    @Test
    void aServiceFileNamingAMissingClassIsReportedWithItsJar() throws Exception {
        new PluginJarBuilder().service("does.not.Exist").build(plugins.resolve("broken.jar"));

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        assertTrue(e.getMessage().contains("broken.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("does.not.Exist"), e.getMessage());
    }

    @Test
    void aJarThatIsNotAZipIsOneProblemNamingIt() throws Exception {
        Files.writeString(plugins.resolve("corrupt.jar"), "not a zip archive");

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        assertEquals(1, e.pluginProblems().size(), e.getMessage());
        assertTrue(e.pluginProblems().getFirst().contains("corrupt.jar"), e.getMessage());
    }

    @Test
    void aPluginThatListsNothingAsNullContributesNothing() throws Exception {
        new PluginJarBuilder().source("nil.NilPlugin", """
                        package nil;

                        public final class NilPlugin implements io.trace2train.api.plugin.Plugin {
                            public String name() { return "nil"; }
                            public java.util.List<io.trace2train.api.verify.VerifierFactory> verifierFactories() {
                                return null;
                            }
                        }
                        """).service("nil.NilPlugin").build(plugins.resolve("nil.jar"));

        LoadedPlugin nil = new PluginLoader().load(plugins).stream().filter(p -> p.name().equals("nil")).findFirst()
                .orElseThrow();
        assertEquals(List.of(), nil.contributions(PluginKind.VERIFIERS));
        assertEquals(List.of(), PluginRegistry.of(PluginKind.VERIFIERS, List.of(nil)).all().values().stream().toList());
    }

    @Test
    void aMissingPluginDirectoryIsAClearError() {
        Path missing = plugins.resolve("nope");
        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void filesThatAreNotJarsAreIgnored() throws Exception {
        Files.writeString(plugins.resolve("notes.txt"), "not a plugin");
        assertEquals(4, new PluginLoader().load(plugins).size());
    }
}
