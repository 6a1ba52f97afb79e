package io.trace2train.cli;

import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.engine.Engine;
import io.trace2train.engine.plugin.LoadedPlugin;
import io.trace2train.engine.plugin.PluginKind;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Lists the plugins found and what each provides, with versions. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the plugins found (built in and in --plugins DIR): their verifiers with versions, backends,"
                + " repair strategies, export formats, rewards and environments.")
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Engine engine = main.engine();
        PrintWriter out = spec.commandLine().getOut();
        for (LoadedPlugin plugin : engine.plugins()) {
            out.printf("plugin %s  (%s)%n", plugin.name(), plugin.source());
            plugin.contributions(PluginKind.VERIFIERS).stream()
                    .sorted(Comparator.comparing(VerifierFactory::id))
                    .forEach(factory -> out.printf("  verifier %-50s v%-7s %s%n", factory.id() + arguments(factory),
                            factory.version(), factory.description()));
            plugin.contributions(PluginKind.BACKENDS).forEach(factory -> out.printf("  backend  %s(%s)%n", factory.name(),
                    String.join(", ", factory.options().stream().map(o -> o.name() + (o.required() ? "" : "?"))
                            .toList())));
            plugin.contributions(PluginKind.REPAIR_STRATEGIES).forEach(strategy -> out.printf("  repair   %-50s %s%n",
                    strategy.name(), strategy.kind().json()));
            plugin.contributions(PluginKind.EXPORTERS).forEach(factory -> out.printf("  export   %-50s v%-7s %s%n",
                    factory.name() + "[" + String.join("|", factory.flavors()) + "]" + options(factory.options()),
                    factory.version(), factory.description()));
            plugin.contributions(PluginKind.REWARDS).forEach(reward -> out.printf("  reward   %-50s v%s%n", reward.name(),
                    reward.version()));
            plugin.contributions(PluginKind.ENVIRONMENTS).forEach(factory -> out.printf("  env      %-50s v%-7s %s%n",
                    factory.name() + options(factory.options()), factory.version(), factory.description()));
        }
        return Main.OK;
    }

    private static String arguments(VerifierFactory factory) {
        return options(factory.parameters());
    }

    private static String options(java.util.List<io.trace2train.api.param.ParameterSpec> specs) {
        if (specs.isEmpty()) {
            return "";
        }
        return specs.stream().map(p -> p.name() + (p.required() ? "" : "?"))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
