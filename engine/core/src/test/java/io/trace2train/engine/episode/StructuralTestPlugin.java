package io.trace2train.engine.episode;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.plugin.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Test doubles of the {@code agent} plugin's structural episode verifiers ({@code tool:known},
 * {@code tool:arguments_valid}, {@code tool:answered}), built into a real plugin jar, for an engine whose class path
 * lacks them; where the real plugin is on the class path it is used instead. Their rules are deliberately small:
 * the calls name an offered tool, the arguments look like one JSON object, each call has exactly one result.
 */
public final class StructuralTestPlugin {

    private StructuralTestPlugin() {
    }

    /** An engine with the class-path plugins and, for each structural id none of them provides, its double. */
    static Engine engine(Path pluginFolder) throws IOException {
        Engine plain = Engine.start(EngineConfig.defaults());
        if (!jarFor(plain, pluginFolder)) {
            return plain;
        }
        return Engine.start(EngineConfig.defaults().withPluginDirectory(pluginFolder));
    }

    /**
     * Writes the doubles of the structural ids {@code engine} lacks into a jar in {@code pluginFolder}.
     *
     * @return whether any was missing (else no jar is written)
     */
    public static boolean jarFor(Engine engine, Path pluginFolder) throws IOException {
        List<String> missing = EpisodeLogReader.STRUCTURAL.stream()
                .filter(id -> engine.verifiers().factory(id).isEmpty()).toList();
        if (missing.isEmpty()) {
            return false;
        }
        StringBuilder factories = new StringBuilder();
        for (String id : missing) {
            factories.append(factories.isEmpty() ? "" : ", ").append("new Rule(\"").append(id).append("\")");
        }
        new PluginJarBuilder().source("episodetest.StructuralPlugin", SOURCE.replace("FACTORIES",
                factories.toString())).service("episodetest.StructuralPlugin").build(pluginFolder.resolve(
                        "structural.jar"));
        return true;
    }

    private static final String SOURCE = """
            package episodetest;

            import io.trace2train.api.env.EnvironmentReplay;
            import io.trace2train.api.param.ParameterSpec;
            import io.trace2train.api.param.VerifierArguments;
            import io.trace2train.api.plugin.Plugin;
            import io.trace2train.api.task.ChatMessage;
            import io.trace2train.api.task.Episode;
            import io.trace2train.api.verify.ConstraintScope;
            import io.trace2train.api.verify.StepEvidence;
            import io.trace2train.api.verify.Verdict;
            import io.trace2train.api.verify.Verifier;
            import io.trace2train.api.verify.VerifierFactory;
            import java.util.ArrayList;
            import java.util.List;

            public final class StructuralPlugin implements Plugin {
                public String name() { return "structural-test"; }

                public List<VerifierFactory> verifierFactories() { return List.of(FACTORIES); }

                static final class Rule implements VerifierFactory, Verifier {
                    private final String id;
                    Rule(String id) { this.id = id; }
                    public String id() { return id; }
                    public String version() { return "0.0.1-test"; }
                    public String description() { return "test double of " + id; }
                    public ConstraintScope scope() { return ConstraintScope.EPISODE; }
                    public List<ParameterSpec> parameters() { return List.of(); }
                    public Verifier create(VerifierArguments arguments) { return this; }
                    public Verdict check(String response) { return Verdict.notCheckable(this, "not an episode"); }

                    public Verdict check(Episode episode, EnvironmentReplay environment) {
                        List<StepEvidence> blamed = new ArrayList<>();
                        for (Episode.Call call : episode.calls()) {
                            String callId = call.call().id();
                            boolean ok = switch (id) {
                                case "tool:known" -> episode.tool(call.call().name()) != null;
                                case "tool:arguments_valid" -> {
                                    String text = call.call().arguments().trim();
                                    yield text.startsWith("{") && text.endsWith("}");
                                }
                                default -> episode.messages().stream()
                                        .filter(m -> callId.equals(m.toolCallId())).count() == 1;
                            };
                            if (!ok) {
                                blamed.add(new StepEvidence(call.message(), callId, id + " broken"));
                            }
                        }
                        return blamed.isEmpty() ? Verdict.pass(this, episode.calls().size() + " calls", null)
                                : Verdict.failAt(this, blamed.size() + " calls break it", null, "fix the calls",
                                        blamed);
                    }
                }
            }
            """;
}
