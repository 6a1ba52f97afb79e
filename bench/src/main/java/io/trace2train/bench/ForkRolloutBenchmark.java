package io.trace2train.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.bench.ifeval.BenchJson;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rollout's forks against plain runs of the same task on a local model: one task whose prompt is the ~190-token
 * chat prompt {@code bench generate} times, run as an N-fork rollout (the forks' first answers made together, the
 * prompt computed once) and as N plain runs with the forks' seeds, alternately, whole runs timed inside the process
 * on one loaded model. Prints each side's best and median and the ratio of medians.
 */
public final class ForkRolloutBenchmark {

    /**
     * The figures of one benchmark.
     *
     * @param promptTokens the task's prompt as the model saw it
     * @param rolloutSeconds each repetition's rollout
     * @param plainSeconds each repetition's N plain runs together
     */
    public record Figures(int forks, int tokens, int promptTokens, List<Double> rolloutSeconds,
            List<Double> plainSeconds) {

        public Figures {
            rolloutSeconds = List.copyOf(rolloutSeconds);
            plainSeconds = List.copyOf(plainSeconds);
        }

        public String describe() {
            double rollout = BackendBenchmark.median(rolloutSeconds);
            double plain = BackendBenchmark.median(plainSeconds);
            return String.format(Locale.ROOT, "a %d-fork rollout of one %d-token-prompt task, %d tokens a fork, against"
                            + " %d plain runs of it, %d alternating repetitions: rollout best %.2f s, median %.2f s;"
                            + " plain runs best %.2f s, median %.2f s; ratio of medians (rollout / plain) %.2f",
                    forks, promptTokens, tokens, forks, rolloutSeconds.size(), min(rolloutSeconds), rollout,
                    min(plainSeconds), plain, rollout / plain);
        }

        private static double min(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }
    }

    private ForkRolloutBenchmark() {
    }

    /**
     * @param modelDir a model folder with a chat template (the prompt is a chat)
     * @param work where the tasks file and the run folders go (emptied of earlier runs of this benchmark)
     */
    public static Figures run(Engine engine, Path modelDir, Path work, int forks, int tokens, int repetitions)
            throws IOException, InterruptedException {
        if (forks < 2 || tokens < 1 || repetitions < 1) {
            throw new IllegalArgumentException("forks must be at least 2, tokens and repetitions at least 1");
        }
        Files.createDirectories(work);
        Path tasks = work.resolve("forks-task.jsonl");
        Files.writeString(tasks, task() + "\n");
        List<Double> rollouts = new ArrayList<>();
        List<Double> plains = new ArrayList<>();
        int promptTokens;
        try (ModelBackend model = engine.backends().create("jlama", Map.of("model-dir", modelDir.toString()))) {
            // warm-up: both paths once, not timed; the plain runs take the forks' seeds
            List<JsonNode> records = records(rollout(engine, model, tasks, work.resolve("warm-rollout"), forks,
                    tokens));
            promptTokens = records.getFirst().at("/attempts/0/prompt_tokens").asInt();
            List<Long> seeds = records.stream().sorted(java.util.Comparator.comparingInt(
                    r -> r.at("/fork/index").asInt())).map(r -> r.at("/attempts/0/seed").asLong()).toList();
            plain(engine, model, tasks, work.resolve("warm-plain"), seeds, tokens);
            for (int round = 0; round < repetitions; round++) {
                // ABBA: neither side always runs first after the other
                boolean rolloutFirst = round % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isRollout = (side == 0) == rolloutFirst;
                    long start = System.nanoTime();
                    if (isRollout) {
                        rollout(engine, model, tasks, work.resolve("rollout-" + round), forks, tokens);
                    } else {
                        plain(engine, model, tasks, work.resolve("plain-" + round), seeds, tokens);
                    }
                    (isRollout ? rollouts : plains).add((System.nanoTime() - start) / 1e9);
                }
            }
        }
        return new Figures(forks, tokens, promptTokens, rollouts, plains);
    }

    /** The chat prompt as a task: its constraint only gives the verifier something to check. */
    private static String task() throws IOException {
        ObjectNode task = BenchJson.MAPPER.createObjectNode().put("id", "forks-bench");
        ArrayNode messages = task.putArray("messages");
        for (ChatMessage message : BackendBenchmark.CHAT_PROMPT) {
            messages.addObject().put("role", message.role().name().toLowerCase(Locale.ROOT))
                    .put("content", message.content());
        }
        task.putArray("constraints").addObject().put("verifier", "punctuation:no_comma");
        return BenchJson.MAPPER.writeValueAsString(task);
    }

    private static RunSpec.Builder spec(ModelBackend model, Path tasks, int tokens) {
        return RunSpec.builder().backend("jlama").model(model).tasks(tasks).mode("direct").temperature(1.0)
                .maxNewTokens(tokens);
    }

    private static RunResult rollout(Engine engine, ModelBackend model, Path tasks, Path out, int forks, int tokens)
            throws IOException, InterruptedException {
        return checked(engine.runs().start(fresh(out), spec(model, tasks, tokens).forks(forks, null, 0).build()));
    }

    /** Plain runs, one after another, one per seed (the rollout's forks' seeds). */
    private static void plain(Engine engine, ModelBackend model, Path tasks, Path out, List<Long> seeds, int tokens)
            throws IOException, InterruptedException {
        for (int i = 0; i < seeds.size(); i++) {
            checked(engine.runs().start(fresh(out.resolve("run-" + i)), spec(model, tasks, tokens)
                    .seed(seeds.get(i)).build()));
        }
    }

    private static RunResult checked(RunResult result) {
        if (!result.errors().isEmpty() || result.ran() != result.units()) {
            throw new IllegalStateException("the benchmark's run failed: " + result.errors());
        }
        return result;
    }

    private static Path fresh(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return folder;
    }

    private static List<JsonNode> records(RunResult run) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(run.records())) {
            records.add(BenchJson.MAPPER.readTree(line));
        }
        return records;
    }
}
