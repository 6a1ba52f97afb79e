package io.trace2train.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.trace2train.api.plugin.Plugin;
import io.trace2train.backends.jlama.JlamaPlugin;
import io.trace2train.backends.langchain4j.LangChain4jPlugin;
import io.trace2train.backends.replay.ReplayPlugin;
import io.trace2train.bench.ifeval.IfevalBench;
import io.trace2train.cli.Main;
import io.trace2train.engine.Engine;
import io.trace2train.environments.tau.airline.TauAirlinePlugin;
import io.trace2train.exporters.training.TrainingPlugin;
import io.trace2train.spark.SparkJobs;
import io.trace2train.verifiers.agent.AgentPlugin;
import io.trace2train.verifiers.ifbench.IfbenchPlugin;
import io.trace2train.verifiers.ifeval.IfevalPlugin;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.List;

/** The production classes of the API, the engine, every built-in plugin and the front doors, imported once for all rules. */
final class ProductClasses {

    /** Engine and plugin packages that the layering rules name. */
    static final String API = "io.trace2train.api..";
    static final String ENGINE = "io.trace2train.engine..";
    static final String[] PLUGINS = {
        "io.trace2train.verifiers..", "io.trace2train.environments..", "io.trace2train.backends..",
        "io.trace2train.exporters.."
    };
    /** The library the verifier plugins share (Punkt, NLTK, Python semantics): not a plugin, plugins may use it. */
    static final String TEXT_LIBRARY = "io.trace2train.verifiers.text..";
    /** What sits above the engine: the command line, the benchmarks, the reward service and the Spark jobs. */
    static final String[] ABOVE_ENGINE = {"io.trace2train.cli..", "io.trace2train.bench..", "io.trace2train.serve..",
            "io.trace2train.spark.."};

    /** One class of each module the rules cover: the import must hold them all, or a rule would pass on nothing. */
    static final List<Class<?>> MODULES = List.of(Plugin.class, Engine.class, PythonRegex.class, IfevalPlugin.class,
            IfbenchPlugin.class, AgentPlugin.class, TauAirlinePlugin.class, ReplayPlugin.class,
            LangChain4jPlugin.class, JlamaPlugin.class, TrainingPlugin.class, Main.class, IfevalBench.class,
            io.trace2train.serve.RewardServer.class, SparkJobs.class);

    /** Each built-in plugin's package: the plugin's classes live in it and below. */
    static final List<String> PLUGIN_PACKAGES = List.of(IfevalPlugin.class, IfbenchPlugin.class,
            AgentPlugin.class, TauAirlinePlugin.class, ReplayPlugin.class, LangChain4jPlugin.class, JlamaPlugin.class,
            TrainingPlugin.class).stream().map(plugin -> plugin.getPackageName() + "..").toList();

    // reactor builds put the modules' jars on the class path, so jars are imported; this module's tests are not
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.trace2train");

    private ProductClasses() {
    }

    static JavaClasses all() {
        return CLASSES;
    }
}
