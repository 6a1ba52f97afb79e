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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
     * @param weightBytes the weights' size, for the bandwidth bound
     * @param jvmOptions options of its process's JVM besides this JVM's (e.g. heap sizing)
     */
    public record Subject(String label, String backend, Map<String, String> options, long weightBytes,
            List<String> jvmOptions) {
        public Subject {
            requireNonNull(label, "label");
            requireNonNull(backend, "backend");
            options = Map.copyOf(options);
            jvmOptions = List.copyOf(jvmOptions);
        }

        public Subject(String label, String backend, Map<String, String> options, long weightBytes) {
            this(label, backend, options, weightBytes, List.of());
        }
    }

    /**
     * One generation's timing.
     *
     * @param textDigest a hash of the greedy text, which tells whether a lever changed the tokens
     */
    record Timing(int promptTokens, int generated, double firstTokenMs, double decodeTokensPerSecond,
            String textDigest) {
    }

    /** Figures of one model over the repetitions. */
    public record Figures(Subject subject, int promptTokens, int generated, List<Double> firstTokenMs,
            List<Double> decodeTokensPerSecond, double bandwidthGBs, long peakRssBytes, String textDigest) {

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
                            + " peak RSS of its process %.0f MB; greedy text #%s",
                    subject.label(), subject.weightBytes() / 1e6, promptTokens, firstTokenMs.size(), generated,
                    bestFirstTokenMs(), medianFirstTokenMs(), bestDecode(), medianDecode(), boundTokensPerSecond(),
                    bandwidthGBs, 100 * medianDecode() / boundTokensPerSecond(), peakRssBytes / 1e6, textDigest);
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
     * Starts every subject in its own process (a {@link GenerationWorker}), which loads and warms it up, then times
     * {@code repetitions} rounds, each subject once per round; each subject's peak resident set is its process's.
     *
     * @param raw send the prompt's text without the chat template (a base model without one)
     * @param recordings a folder for one flight recording per subject ({@code LABEL.jfr}), if wanted
     */
    public static List<Figures> run(List<Subject> subjects, int repetitions, int tokens, boolean raw,
            Optional<Path> recordings) throws IOException {
        return run(WorkerProcess.Launch.ofThisJvm(), subjects, repetitions, tokens, raw, recordings);
    }

    static List<Figures> run(WorkerProcess.Launch launch, List<Subject> subjects, int repetitions, int tokens,
            boolean raw, Optional<Path> recordings) throws IOException {
        double bandwidth = MemoryBandwidth.readGBs();
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            for (Subject subject : subjects) {
                WorkerProcess.Launch own = launch.withOptions(subject.jvmOptions());
                if (recordings.isPresent()) {
                    Files.createDirectories(recordings.get());
                    Path file = recordings.get().resolve(subject.label().replaceAll("[^A-Za-z0-9._-]+", "_") + ".jfr");
                    own = own.withOptions(List.of("-XX:StartFlightRecording=settings=profile,filename=" + file));
                }
                workers.add(WorkerProcess.start(own, subject.label(), subject.backend(), subject.options(), raw));
            }
            List<List<Timing>> timings = new ArrayList<>();
            workers.forEach(w -> timings.add(new ArrayList<>()));
            for (int round = 0; round < repetitions; round++) {
                for (int i = 0; i < workers.size(); i++) {
                    timings.get(i).add(workers.get(i).time(tokens));
                }
            }
            List<Figures> figures = new ArrayList<>();
            for (int i = 0; i < subjects.size(); i++) {
                List<Timing> runs = timings.get(i);
                figures.add(new Figures(subjects.get(i), runs.getFirst().promptTokens(), runs.getFirst().generated(),
                        runs.stream().map(Timing::firstTokenMs).toList(),
                        runs.stream().map(Timing::decodeTokensPerSecond).toList(), bandwidth,
                        workers.get(i).finish(), runs.getLast().textDigest()));
            }
            return figures;
        } finally {
            workers.forEach(WorkerProcess::close);
        }
    }

    /** How {@code a} compares with {@code b}: decode and first token, best and median. */
    public static String ratios(Figures a, Figures b) {
        return String.format(Locale.ROOT, "%s against %s: decode %.2fx (median), %.2fx (best); first token %.2fx"
                        + " as long (median), %.2fx (best)", a.subject().label(), b.subject().label(),
                a.medianDecode() / b.medianDecode(), a.bestDecode() / b.bestDecode(),
                a.medianFirstTokenMs() / b.medianFirstTokenMs(), a.bestFirstTokenMs() / b.bestFirstTokenMs());
    }

    /**
     * The figures as a Markdown table, ready to paste: each subject's first token and decode rate (best and median),
     * the median's share of the bandwidth bound, its process's peak resident set beside its weights, and its ratios
     * to {@code reference} (decode: higher is faster; first token and peak RSS: lower is better).
     */
    public static String table(List<Figures> figures, Figures reference) {
        StringBuilder table = new StringBuilder("| engine | weights | first token, best / median | decode tok/s, best"
                + " / median | share of bandwidth bound | peak RSS | vs " + reference.subject().label()
                + ": decode, first token, peak RSS |\n|---|---|---|---|---|---|---|\n");
        for (Figures f : figures) {
            table.append(String.format(Locale.ROOT, "| %s | %.0f MB | %.2f / %.2f s | %.1f / %.1f | %.0f%% | %.0f MB |"
                            + " %.2fx, %.2fx, %+.0f MB |%n", f.subject().label(), f.subject().weightBytes() / 1e6,
                    f.bestFirstTokenMs() / 1e3, f.medianFirstTokenMs() / 1e3, f.bestDecode(), f.medianDecode(),
                    100 * f.medianDecode() / f.boundTokensPerSecond(), f.peakRssBytes() / 1e6,
                    f.medianDecode() / reference.medianDecode(), f.medianFirstTokenMs() / reference.medianFirstTokenMs(),
                    (f.peakRssBytes() - reference.peakRssBytes()) / 1e6));
        }
        return table.toString();
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
                (times.size() - 1) / Math.max(decodeSeconds, 1e-9), Integer.toHexString(generation.text().hashCode()));
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
