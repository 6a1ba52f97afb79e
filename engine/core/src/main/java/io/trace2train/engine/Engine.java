package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.engine.backend.BackendRegistry;
import io.trace2train.engine.config.ConfigFile;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.export.ExporterRegistry;
import io.trace2train.engine.plugin.LoadedPlugin;
import io.trace2train.engine.plugin.LoadedPlugins;
import io.trace2train.engine.plugin.PluginKind;
import io.trace2train.engine.plugin.PluginLoader;
import io.trace2train.engine.plugin.PluginRegistry;
import io.trace2train.engine.repair.RepairStrategies;
import io.trace2train.engine.reward.RewardFunctions;
import io.trace2train.engine.verify.VerifierRegistry;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The entry point for embedding trace2train: loads plugins as configured and wires them with Guice
 * ({@link EngineModule}: explicit bindings, production stage). The injector stays inside: callers get the use cases,
 * the registries and the plugins, never the means to build arbitrary classes. Its use cases are what every front door
 * calls: {@link #runs()} (start or resume a run folder from a {@link RunSpec}), {@link #exports()} (training data from
 * an {@link ExportSpec}) and {@link #verify()} (IFEval-style evaluation).
 *
 * <pre>{@code
 * Engine engine = Engine.start(EngineConfig.defaults());
 * RunResult run = engine.runs().start(Path.of("out/run"), RunSpec.builder().tasks(Path.of("tasks.jsonl"))
 *         .backend("replay").backendOption("responses", "answers.jsonl").build());
 * Verifier noComma = engine.verifiers().create("punctuation:no_comma", Map.of());
 * }</pre>
 */
public final class Engine {

    private final Injector injector;
    /** One for the engine: it keeps the verifiers it built. */
    private final Scoring scoring;

    private Engine(Injector injector) {
        this.injector = injector;
        this.scoring = new Scoring(this);
    }

    /**
     * Loads the class-path plugins and those of {@link EngineConfig#pluginDirectory()}.
     *
     * @throws io.trace2train.engine.plugin.PluginLoadingException listing every plugin problem
     */
    public static Engine start(EngineConfig config) {
        requireNonNull(config, "config");
        List<LoadedPlugin> plugins = new PluginLoader().load(config.pluginDirectory().orElse(null));
        // PRODUCTION stage builds every singleton now, so a wiring mistake fails here; each is cheap (the plugins
        // are already instantiated by the loader, the registries only index them)
        return new Engine(Guice.createInjector(Stage.PRODUCTION, new EngineModule(plugins)));
    }

    /**
     * Starts an engine configured the way a front door is: a {@code key = value} configuration file first, then a
     * plugin folder over it.
     *
     * @param configFile the configuration file (keys: {@code plugin.dir}), or null for the defaults
     * @param pluginDirectory a folder of plugin jars besides the built-in plugins, or null for the file's (or none)
     * @throws io.trace2train.engine.io.BadInputException listing every wrong line of the configuration file
     */
    public static Engine start(@Nullable Path configFile, @Nullable Path pluginDirectory) {
        EngineConfig config = EngineConfig.defaults();
        if (configFile != null) {
            config = ConfigFile.read(configFile, config);
        }
        if (pluginDirectory != null) {
            config = config.withPluginDirectory(pluginDirectory);
        }
        return start(config);
    }

    /** This engine's version, as records, manifests and result files name it. */
    public static String version() {
        return EngineVersion.current();
    }

    /** The verifiers the plugins provide, by name. */
    public VerifierRegistry verifiers() {
        return injector.getInstance(VerifierRegistry.class);
    }

    /** The model backends the plugins provide, by name. */
    public BackendRegistry backends() {
        return injector.getInstance(BackendRegistry.class);
    }

    /** The repair strategies the plugins provide, by name. */
    public RepairStrategies repairStrategies() {
        return injector.getInstance(RepairStrategies.class);
    }

    /** The training-data formats the plugins provide, by name. */
    public ExporterRegistry exporters() {
        return injector.getInstance(ExporterRegistry.class);
    }

    /** The reward functions the plugins provide, by name. */
    public RewardFunctions rewards() {
        return injector.getInstance(RewardFunctions.class);
    }

    /** The environments the plugins provide, by name. */
    public PluginRegistry<EnvironmentFactory> environments() {
        return registry(PluginKind.ENVIRONMENTS);
    }

    /** What the plugins contribute of any {@link PluginKind}, by name. */
    public <T> PluginRegistry<T> registry(PluginKind<T> kind) {
        return injector.getInstance(EngineModule.registryKey(kind));
    }

    /** Every loaded plugin (built-in and from the plugin folder) with what it contributes. */
    public List<LoadedPlugin> plugins() {
        return injector.getInstance(LoadedPlugins.class).all();
    }

    // the use cases: what every front door (the command line, the benchmark, the demo, an embedder) calls

    /** Runs and rollouts into run folders: start one, or resume a killed one. */
    public Runs runs() {
        return new Runs(this);
    }

    /** Agent logs (OpenAI chat format, τ-bench results) into run folders: start an import, or resume a killed one. */
    public Imports imports() {
        return new Imports(this);
    }

    /** Training data (SFT, DPO, KTO, rewards) from run folders. */
    public Exports exports() {
        return new Exports(this);
    }

    /** Completions judged against task rows sent in memory, item by item: what a reward service answers. */
    public Scoring scoring() {
        return scoring;
    }

    /** Records of existing run folders judged again with a new constraint set or reward, into a new run folder. */
    public Rescoring rescoring() {
        return new Rescoring(this);
    }

    /** IFEval-style evaluation of responses, from files (writing the reference's result files) or in memory. */
    public Verification verify() {
        return new Verification(this);
    }
}
