package io.trace2train.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.common.base.Strings;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar that bundles its own, conflicting copy of a library the engine also uses (Guava's
 * {@code com.google.common.base.Strings}, with a method the real one lacks): each side sees its own class, and only
 * the SPI is shared.
 */
class PluginIsolationTest {

    @TempDir
    Path plugins;

    @Test
    void aPluginSeesItsOwnLibraryVersionAndTheHostKeepsItsOwn() throws Exception {
        pluginWithItsOwnGuava().build(plugins.resolve("own-guava.jar"));

        Engine engine = Engine.start(EngineConfig.defaults().withPluginDirectory(plugins));
        // the engine uses the plugin's factory through the shared api types
        Verdict verdict = engine.verifiers().create("iso:own_guava", Map.of()).check("anything");

        // the plugin ran its bundled Strings (the host's Guava has no version()), and the host's other Guava classes
        // are not visible to it
        assertEquals("strings=bundled-1.0 joiner=absent", verdict.measured());
        assertTrue(verdict.passed());
        // the host still has the real Guava
        assertEquals("abab", Strings.repeat("ab", 2));
        assertThrows(NoSuchMethodException.class, () -> Strings.class.getMethod("version"));

        ClassLoader pluginLoader = engine.verifiers().factory("iso:own_guava").orElseThrow().getClass().getClassLoader();
        assertNotSame(Strings.class, pluginLoader.loadClass("com.google.common.base.Strings"));
        assertSame(VerifierFactory.class, pluginLoader.loadClass(VerifierFactory.class.getName()));
        assertSame(Verdict.class, pluginLoader.loadClass(Verdict.class.getName()));
        assertSame(JsonInclude.class, pluginLoader.loadClass(JsonInclude.class.getName()));
        // engine internals are not part of the SPI
        assertThrows(ClassNotFoundException.class, () -> pluginLoader.loadClass(Engine.class.getName()));
    }

    @Test
    void aPluginThatReliesOnTheEnginesLibrariesIsToldToBundleThem() throws Exception {
        new PluginJarBuilder().source("lean.LeanPlugin", """
                        package lean;

                        import io.trace2train.api.plugin.Plugin;

                        public final class LeanPlugin implements Plugin {
                            // Guava is on the engine's class path, not in this jar
                            private final String name = com.google.common.base.Ascii.toLowerCase("LEAN");

                            public String name() { return name; }
                        }
                        """)
                .service("lean.LeanPlugin").build(plugins.resolve("lean.jar"));

        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> new PluginLoader().load(plugins));
        assertEquals(1, e.pluginProblems().size(), e.getMessage());
        assertTrue(e.pluginProblems().getFirst().startsWith("plugin lean.LeanPlugin in " + plugins.resolve("lean.jar")
                + " failed to start: it needs class com.google.common.base.Ascii, which its jar does not hold"),
                e.getMessage());
        assertTrue(e.pluginProblems().getFirst().contains("bundle every other library it uses"), e.getMessage());
    }

    private static PluginJarBuilder pluginWithItsOwnGuava() {
        return new PluginJarBuilder()
                .source("com.google.common.base.Strings", """
                        package com.google.common.base;

                        /** A conflicting "version" of Guava's Strings that only this plugin bundles. */
                        public final class Strings {
                            public static String version() { return "bundled-1.0"; }
                        }
                        """)
                .source("iso.IsolatedPlugin", """
                        package iso;

                        import com.google.common.base.Strings;
                        import io.trace2train.api.plugin.Plugin;
                        import io.trace2train.api.param.*;
                        import io.trace2train.api.verify.*;
                        import java.util.List;

                        public final class IsolatedPlugin implements Plugin {
                            public String name() { return "iso"; }

                            public List<VerifierFactory> verifierFactories() {
                                return List.of(new VerifierFactory() {
                                    public String id() { return "iso:own_guava"; }
                                    public String version() { return "1.0.0"; }
                                    public String description() { return "Reports which Guava it sees."; }
                                    public List<ParameterSpec> parameters() { return List.of(); }
                                    public Verifier create(VerifierArguments arguments) {
                                        return new Verifier() {
                                            public String id() { return "iso:own_guava"; }
                                            public String version() { return "1.0.0"; }
                                            public Verdict check(String response) {
                                                String joiner;
                                                try {
                                                    Class.forName("com.google.common.base.Joiner");
                                                    joiner = "visible";
                                                } catch (ClassNotFoundException e) {
                                                    joiner = "absent";
                                                }
                                                return new Verdict(id(), version(), true,
                                                        "strings=" + Strings.version() + " joiner=" + joiner, null, "",
                                                        List.of());
                                            }
                                        };
                                    }
                                });
                            }
                        }
                        """)
                .service("iso.IsolatedPlugin");
    }
}
