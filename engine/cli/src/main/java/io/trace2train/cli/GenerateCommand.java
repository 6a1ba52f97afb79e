package io.trace2train.cli;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.task.ChatMessage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** One generation from any backend: the completion, then its token counts and speed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate one completion with a backend and print it, then a line with prompt tokens,"
                + " completion tokens and tokens/s.")
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The prompt (may be empty).")
    String prompt;

    @Option(names = "--system", paramLabel = "TEXT", description = "An optional system message.")
    String system;

    @Option(names = "--temperature", defaultValue = "0.7", description = "0 is greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--seed", defaultValue = "42", description = "The sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-new-tokens", defaultValue = "128",
            description = "Tokens to generate at most, not counting the prompt (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "A stop sequence; repeatable.")
    List<String> stop = new ArrayList<>();

    @Override
    public Integer call() {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(prompt));
        GenerationSettings settings = SamplingOptions.settings(temperature, topP, seed, maxNewTokens, stop);
        try (ModelBackend chosen = main.engine().backends().open(backendOptions.backend("jlama"),
                backendOptions.merged(false))) {
            Generation generation = chosen.generate(new GenerationRequest("generate", messages, settings));
            PrintWriter out = spec.commandLine().getOut();
            out.println(generation.text());
            double seconds = Math.max(generation.latencyMillis(), 1) / 1000.0;
            out.printf(Locale.ROOT, "prompt tokens: %d, completion tokens: %d, %.1f tokens/s%n",
                    generation.promptTokens(), generation.completionTokens(), generation.completionTokens() / seconds);
        }
        return Main.OK;
    }
}
