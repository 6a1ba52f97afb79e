package io.trace2train.bench;

import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.engine.Engine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One engine in its own process, so that its peak resident set is its own and process-wide choices (Jlama's kernels
 * and thread pool) differ between subjects. Arguments: the backend, raw (true/false), then its options as
 * {@code key=value}. It loads the model, warms it up and answers on standard output, each answer one line starting
 * with {@link #PREFIX}: {@code ready}, then per {@code time TOKENS} line read a {@code timing} line, and on
 * {@code end} the peak resident set ({@code rss BYTES}) before it exits.
 */
public final class GenerationWorker {

    /** Marks the worker's answers among whatever else a library prints. */
    static final String PREFIX = "t2t-worker ";

    private GenerationWorker() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        String backendName = args[0];
        boolean raw = Boolean.parseBoolean(args[1]);
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            options.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        options.put("raw", String.valueOf(raw));
        List<ChatMessage> prompt = raw ? BackendBenchmark.RAW_PROMPT : BackendBenchmark.CHAT_PROMPT;
        Engine engine = Engine.start(null, null);
        try (ModelBackend backend = engine.backends().open(backendName, options)) {
            BackendBenchmark.time(backend, prompt, 4); // warm-up: compile the kernels, fault the weights in
            out.println(PREFIX + "ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("time ")) {
                    var timing = BackendBenchmark.time(backend, prompt, Integer.parseInt(line.substring(5)));
                    out.println(PREFIX + String.format(Locale.ROOT, "timing %d %d %.6f %.6f %s",
                            timing.promptTokens(), timing.generated(), timing.firstTokenMs(),
                            timing.decodeTokensPerSecond(), timing.textDigest()));
                } else if (line.equals("end")) {
                    break;
                }
            }
        }
        out.println(PREFIX + "rss " + BackendBenchmark.peakRss());
    }
}
