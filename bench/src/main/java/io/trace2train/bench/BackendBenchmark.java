package io.trace2train.bench;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Local generation speed against its physical limit. Each repetition is one greedy generation of a chat prompt with a
 * system message (about 190 tokens, as real ones are), timed per token inside that generation: the first token's
 * latency (template, tokenising, prefill, first sample) and the decode rate of the rest. Models compared are loaded
 * together and run interleaved (A, B, A, B, ...), so a busy moment of the machine falls on both; the best and the
 * median of the repetitions are reported, with the decode rate at which every weight is read once per token at the
 * machine's measured memory read bandwidth.
 */
public final class BackendBenchmark {

    /**
     * A model on a backend.
     *
     * @param label what the figures are called
     * @param weightBytes the weights' size, for the bandwidth bound
     */
    public record Subject(String label, String backend, Map<String, String> options, long weightBytes) {
        public Subject {
            requireNonNull(label, "label");
            requireNonNull(backend, "backend");
            options = Map.copyOf(options);
        }
    }

    /** One generation's timing. */
    record Timing(int promptTokens, int generated, double firstTokenMs, double decodeTokensPerSecond) {
    }

    /** Figures of one model over the repetitions. */
    public record Figures(Subject subject, int promptTokens, int generated, List<Double> firstTokenMs,
            List<Double> decodeTokensPerSecond, double bandwidthGBs, long peakRssBytes) {

        public Figures {
            requireNonNull(subject, "subject");
            firstTokenMs = List.copyOf(firstTokenMs);
            decodeTokensPerSecond = List.copyOf(decodeTokensPerSecond);
        }

        double boundTokensPerSecond() {
            return bandwidthGBs * 1e9 / subject.weightBytes();
        }

        public double bestFirstTokenMs() {
            return firstTokenMs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        public double medianFirstTokenMs() {
            return median(firstTokenMs);
        }

        public double bestDecode() {
            return decodeTokensPerSecond.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        public double medianDecode() {
            return median(decodeTokensPerSecond);
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s: weights %.1f MB, prompt %d tokens, %d repetitions of %d tokens:"
                            + " first token %.0f ms best, %.0f ms median; decode %.1f tokens/s best, %.1f median;"
                            + " memory-bandwidth bound %.1f tokens/s (%.1f GB/s read), median at %.0f%% of it;"
                            + " peak RSS of the process %.0f MB",
                    subject.label(), subject.weightBytes() / 1e6, promptTokens, firstTokenMs.size(), generated,
                    bestFirstTokenMs(), medianFirstTokenMs(), bestDecode(), medianDecode(), boundTokensPerSecond(),
                    bandwidthGBs, 100 * medianDecode() / boundTokensPerSecond(), peakRssBytes / 1e6);
        }
    }

    /** A system message and a user turn of about 190 tokens together, as a chat prompt of a real task is. */
    static final List<ChatMessage> CHAT_PROMPT = List.of(
            ChatMessage.system("You are a careful assistant that writes short, factual answers for a customer"
                    + " support team. Follow every formatting instruction exactly, answer in plain English, do not"
                    + " invent order numbers, prices or dates, and say so when the question cannot be answered from"
                    + " what the customer wrote."),
            ChatMessage.user("Hello, I ordered a pair of walking boots three weeks ago and they arrived yesterday,"
                    + " but the left boot is half a size smaller than the right one. I have worn them once, indoors,"
                    + " to check the fit, and I still have the box and the receipt. I would like to exchange them"
                    + " for a matching pair in the same colour, or get a refund if that size is sold out. Could you"
                    + " tell me what I need to do, whether I have to pay for the return postage, and how long the"
                    + " exchange usually takes? Please answer in three short bullet points and end with one sentence"
                    + " that thanks me for my patience."));

    /**
     * The prompt a base model (no chat template, raw text) is timed on: the chat prompt's text and then the opening of
     * a story, which such a model continues instead of ending at once.
     */
    static final List<ChatMessage> RAW_PROMPT = java.util.stream.Stream.concat(CHAT_PROMPT.stream(),
            Stream.of(ChatMessage.user("Once upon a time,"))).toList();

    private BackendBenchmark() {
    }

    /**
     * Loads every subject, warms each up, then times {@code repetitions} rounds, each subject once per round.
     *
     * @param raw send the prompt's text without the chat template (a base model without one)
     */
    public static List<Figures> run(Engine engine, List<Subject> subjects, int repetitions, int tokens, boolean raw)
            throws Exception {
        double bandwidth = MemoryBandwidth.readGBs();
        resetPeakRss(); // the bandwidth probe's array is not the models'
        List<ModelBackend> backends = new ArrayList<>();
        try {
            for (Subject subject : subjects) {
                Map<String, String> options = new HashMap<>(subject.options());
                options.put("raw", String.valueOf(raw));
                backends.add(engine.backends().open(subject.backend(), options));
            }
            List<List<Timing>> timings = new ArrayList<>();
            List<ChatMessage> prompt = raw ? RAW_PROMPT : CHAT_PROMPT;
            for (ModelBackend backend : backends) {
                time(backend, prompt, 4); // warm-up: compile the kernels, fault the weights in
                timings.add(new ArrayList<>());
            }
            for (int round = 0; round < repetitions; round++) {
                for (int i = 0; i < backends.size(); i++) {
                    timings.get(i).add(time(backends.get(i), prompt, tokens));
                }
            }
            long peak = peakRss();
            List<Figures> figures = new ArrayList<>();
            for (int i = 0; i < subjects.size(); i++) {
                List<Timing> runs = timings.get(i);
                figures.add(new Figures(subjects.get(i), runs.getFirst().promptTokens(), runs.getFirst().generated(),
                        runs.stream().map(Timing::firstTokenMs).toList(),
                        runs.stream().map(Timing::decodeTokensPerSecond).toList(), bandwidth, peak));
            }
            return figures;
        } finally {
            for (ModelBackend backend : backends) {
                backend.close();
            }
        }
    }

    /** How {@code a} compares with {@code b}: decode and first token, best and median. */
    public static String ratios(Figures a, Figures b) {
        return String.format(Locale.ROOT, "%s against %s: decode %.2fx (median), %.2fx (best); first token %.2fx"
                        + " as long (median), %.2fx (best)", a.subject().label(), b.subject().label(),
                a.medianDecode() / b.medianDecode(), a.bestDecode() / b.bestDecode(),
                a.medianFirstTokenMs() / b.medianFirstTokenMs(), a.bestFirstTokenMs() / b.bestFirstTokenMs());
    }

    /** One greedy generation, timed at each token. */
    static Timing time(ModelBackend backend, List<ChatMessage> prompt, int tokens) {
        List<Long> times = new ArrayList<>(tokens + 1);
        long start = System.nanoTime();
        Generation generation = backend.generate(new GenerationRequest("bench", prompt,
                new GenerationSettings(0, 1, 0, tokens, List.of())), () -> times.add(System.nanoTime()));
        if (times.size() < 2) {
            throw new InvalidArgumentsException("bench generate", "tokens", backend.model().backend() + " told "
                    + times.size() + " token times for " + generation.completionTokens() + " tokens: per-token"
                    + " timing needs a local backend and at least 2 tokens (the model may have ended early)");
        }
        double decodeSeconds = (times.getLast() - times.getFirst()) / 1e9;
        return new Timing(generation.promptTokens(), times.size(), (times.getFirst() - start) / 1e6,
                (times.size() - 1) / Math.max(decodeSeconds, 1e-9));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
        List<ForkSampling> seeds = java.util.stream.LongStream.rangeClosed(1, forks)
                .mapToObj(seed -> new ForkSampling(seed, 1.0)).toList();
        try (ModelBackend backend = engine.backends().create("jlama", options)) {
            backend.generateForks(request, seeds); // warm-up
            long start = System.nanoTime();
            List<Generation> shared = backend.generateForks(request, seeds);
            double forked = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            for (ForkSampling seed : seeds) {
                backend.generate(request.withFork(seed));
            }
            double independent = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT, "%s: %d forks of a %d-token prompt, %d tokens each: %.2f s as forks,"
                            + " %.2f s as independent generations (ratio %.2f)", modelDir.getFileName(), forks,
                    shared.getFirst().promptTokens(), tokens, forked, independent, forked / independent);
        }
    }

    /** The weights' bytes: a GGUF file's size, or a folder's safetensors files'. */
    public static long weightBytes(Path model) throws IOException {
        if (Files.isRegularFile(model)) {
            return Files.size(model);
        }
        try (Stream<Path> files = Files.list(model)) {
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
