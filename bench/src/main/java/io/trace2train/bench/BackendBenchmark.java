package io.trace2train.bench;

import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Local generation speed against its physical limit: time to first token, decode tokens/s (both greedy, after a
 * warm-up generation), peak resident memory, and, from the weights' size and the machine's measured memory read
 * bandwidth, the decode rate memory bandwidth allows (every weight is read once per generated token).
 */
public final class BackendBenchmark {

    /** Figures of one model. */
    public record Figures(String model, long weightBytes, int promptTokens, int generated, double firstTokenMs,
            double decodeTokensPerSecond, double bandwidthGBs, long peakRssBytes) {

        double boundTokensPerSecond() {
            return bandwidthGBs * 1e9 / weightBytes;
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s: weights %.1f MB, prompt %d tokens, time to first token %.0f ms,"
                            + " decode %.1f tokens/s (%d tokens); memory-bandwidth bound %.1f tokens/s"
                            + " (%.1f GB/s read), %.0f%% of the bound; peak RSS %.0f MB",
                    model, weightBytes / 1e6, promptTokens, firstTokenMs, decodeTokensPerSecond, generated,
                    boundTokensPerSecond(), bandwidthGBs, 100 * decodeTokensPerSecond / boundTokensPerSecond(),
                    peakRssBytes / 1e6);
        }
    }

    private BackendBenchmark() {
    }

    public static Figures run(Engine engine, Path modelDir, Map<String, String> extraOptions, String prompt,
            int tokens) throws IOException {
        Map<String, String> options = new java.util.HashMap<>(extraOptions);
        options.put("model-dir", modelDir.toString());
        double bandwidth = MemoryBandwidth.readGBs();
        resetPeakRss(); // the bandwidth probe's array is not the model's
        try (ModelBackend backend = engine.backends().create("jlama", options)) {
            generate(backend, prompt, 4); // warm-up: compile the kernels first
            Generation first = generate(backend, prompt, 1);
            Generation all = generate(backend, prompt, tokens);
            double decodeSeconds = Math.max(all.latencyMillis() - first.latencyMillis(), 1) / 1000.0;
            return new Figures(modelDir.getFileName().toString(), weightBytes(modelDir), all.promptTokens(),
                    all.completionTokens(), first.latencyMillis(), (all.completionTokens() - 1) / decodeSeconds,
                    bandwidth, peakRss());
        }
    }

    /**
     * Forks against independent generations: {@code forks} samples of one long prompt (seeds 1..forks) generated as
     * forks, which pay for the prompt once, and then one by one. Returns a line with both times and their ratio.
     */
    public static String forks(Engine engine, Path modelDir, Map<String, String> extraOptions, int promptWords,
            int forks, int tokens) {
        Map<String, String> options = new java.util.HashMap<>(extraOptions);
        options.put("model-dir", modelDir.toString());
        String prompt = String.join(" ", java.util.Collections.nCopies(promptWords / 8 + 1,
                "Once upon a time there was a little girl.")).trim();
        GenerationRequest request = new GenerationRequest("bench", List.of(ChatMessage.user(prompt)),
                new GenerationSettings(1.0, 1.0, 0, tokens, List.of()));
        List<Long> seeds = java.util.stream.LongStream.rangeClosed(1, forks).boxed().toList();
        try (ModelBackend backend = engine.backends().create("jlama", options)) {
            backend.generateForks(request, seeds); // warm-up
            long start = System.nanoTime();
            List<Generation> shared = backend.generateForks(request, seeds);
            double forked = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            for (long seed : seeds) {
                backend.generate(new GenerationRequest("bench", request.messages(), request.settings().withSeed(seed)));
            }
            double independent = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT, "%s: %d forks of a %d-token prompt, %d tokens each: %.2f s as forks,"
                            + " %.2f s as independent generations (ratio %.2f)", modelDir.getFileName(), forks,
                    shared.getFirst().promptTokens(), tokens, forked, independent, forked / independent);
        }
    }

    private static Generation generate(ModelBackend backend, String prompt, int tokens) {
        return backend.generate(new GenerationRequest("bench", List.of(ChatMessage.user(prompt)),
                new GenerationSettings(0, 1, 0, tokens, List.of())));
    }

    private static long weightBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            long total = 0;
            for (Path file : files.filter(f -> f.toString().endsWith(".safetensors")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** Linux resets the VmHWM peak when "5" is written to clear_refs; elsewhere nothing happens. */
    private static void resetPeakRss() {
        System.gc();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux: the peak then includes the probe
        }
    }

    /** The process's peak resident set (VmHWM), where Linux reports it; weights are memory-mapped, off the heap. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
