package io.trace2train.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.plugin.Plugin;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.testing.PluginJarBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of plugin kinds: every kind is checked, bound and listed the same way, environments included. */
class PluginKindTest {

    @TempDir
    Path plugins;

    @Test
    void everyListThatAPluginCanContributeIsAKind() {
        Set<Class<?>> contributed = Stream.of(Plugin.class.getMethods())
                .filter(m -> m.getReturnType() == List.class)
                .map(m -> (Class<?>) ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0])
                .collect(Collectors.toSet());
        Set<Class<?>> kinds = PluginKind.ALL.stream().map(PluginKind::type).collect(Collectors.toSet());
        assertEquals(contributed, kinds);
        assertTrue(kinds.contains(EnvironmentFactory.class));
    }

    @Test
    void anEnvironmentFromAPluginJarIsFoundByNameAndWorks() throws Exception {
        PluginJarBuilder.counterEnvironmentPlugin("acme.count", "acme", "counter", "1.2.0")
                .build(plugins.resolve("acme.jar"));

        Engine engine = Engine.start(EngineConfig.defaults().withPluginDirectory(plugins));
        EnvironmentFactory factory = engine.environments().get("counter");
        assertSame(factory, engine.registry(PluginKind.ENVIRONMENTS).all().get("counter"));
        assertEquals("1.2.0", factory.version());

        Environment counter = factory.create(Map.of("start", "5"));
        assertEquals("12", counter.execute(new ToolCall("c1", "add", "7")).content());
        assertTrue(counter.execute(new ToolCall("c2", "sub", "1")).error());

        BadInputException unknown = assertThrows(BadInputException.class,
                () -> engine.environments().get("countr"));
        assertTrue(unknown.getMessage().startsWith("unknown environment 'countr'; did you mean counter?"),
                unknown.getMessage());
    }

    @Test
    void twoPluginsWithOneEnvironmentNameAreADuplicateNamingBothJars() throws Exception {
        PluginJarBuilder.counterEnvironmentPlugin("one", "first", "counter", "1.0.0").build(plugins.resolve("a.jar"));
        PluginJarBuilder.counterEnvironmentPlugin("two", "second", "counter", "1.0.0").build(plugins.resolve("b.jar"));

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        assertEquals(1, e.pluginProblems().size(), e.getMessage());
        String problem = e.pluginProblems().getFirst();
        assertTrue(problem.startsWith("duplicate environment 'counter' in plugin 'first'") && problem.contains("a.jar")
                && problem.contains("plugin 'second'") && problem.contains("b.jar"), problem);
    }

    @Test
    void anEnvironmentMustHaveAValidNameAndAVersion() throws Exception {
        PluginJarBuilder.counterEnvironmentPlugin("bad", "bad", "Counter Env", "1.0.0").build(plugins.resolve("a.jar"));
        PluginJarBuilder.counterEnvironmentPlugin("nov", "nov", "counter", null).build(plugins.resolve("b.jar"));

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        assertEquals(2, e.pluginProblems().size(), e.getMessage());
        assertTrue(e.pluginProblems().get(0).contains("plugin 'bad' in " + plugins.resolve("a.jar")
                + " has an environment with an invalid name 'Counter Env'"), e.getMessage());
        assertTrue(e.pluginProblems().get(1).equals("environment 'counter' of plugin 'nov' in " + plugins.resolve("b.jar")
                + " has no version"), e.getMessage());
    }

    @Test
    void theGenericRegistryBacksTheVerifierRegistry() {
        Engine engine = Engine.start(EngineConfig.defaults());
        PluginRegistry<VerifierFactory> verifiers = engine.registry(PluginKind.VERIFIERS);
        assertEquals(verifiers.all(), engine.verifiers().all());
        assertTrue(verifiers.find("punctuation:no_comma").isPresent());
        assertFalse(verifiers.find("punctuation:no_commas").isPresent());
        BadInputException e = assertThrows(BadInputException.class,
                () -> verifiers.get("punctuation:no_commas"));
        assertTrue(e.getMessage().startsWith("unknown verifier 'punctuation:no_commas'; did you mean"
                + " punctuation:no_comma"), e.getMessage());
    }

    @Test
    void theEngineDoesNotHandOutItsInjector() {
        for (Method method : Engine.class.getMethods()) {
            assertFalse(method.getReturnType().getName().startsWith("com.google.inject"), method.toString());
        }
    }
}
