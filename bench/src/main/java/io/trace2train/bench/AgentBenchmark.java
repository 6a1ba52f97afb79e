package io.trace2train.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Examples;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import io.trace2train.environments.tau.airline.TauAirlineEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The agent loop's own cost on τ-bench airline with a zero-latency model ({@link RecordedTauAgent}: each task's
 * recorded GPT-4o episode, answered at once, the user simulator included): (a) a direct run of the 50 tasks, repeated,
 * timed whole (loop, tool calls in {@code tau-airline}, judging every constraint, the state reward, the record
 * written), beside the environment's own work timed alone (per episode: a fresh world, the episode's tool calls and
 * its digest, then another fresh world with the task's expected actions, as {@code env:state_matches} does); the
 * engine's overhead per agent step is the difference over the agent's model calls; (b) a rollout of 4 forks x 50
 * tasks, episodes/s. Each timed after an untimed run of the same.
 */
public final class AgentBenchmark {

    /** The figures. */
    public record Figures(int episodes, long agentSteps, long userTurns, long toolCalls, double runSeconds,
            double runCpuSeconds, double environmentSeconds, int forkEpisodes, double forkSeconds,
            double forkCpuSeconds, long forksWithReward) {

        /** The engine's own wall time per agent model call, the environment's work taken out. */
        public double overheadMillisPerStep() {
            return (runSeconds - environmentSeconds) * 1000 / agentSteps;
        }

        /**
         * The same in CPU time of the whole process (every thread, GC and compiler included), which a busy machine
         * inflates less than wall time.
         */
        public double overheadCpuMillisPerStep() {
            return (runCpuSeconds - environmentSeconds) * 1000 / agentSteps;
        }

        public String describe() {
            return String.format(Locale.ROOT, "agent   %,d episodes (%,d agent steps, %,d simulated user turns, %,d tool"
                            + " calls) in %.2f s wall, %.2f s CPU: per agent step %.3f ms wall, %.3f ms CPU in all;"
                            + " the environment alone %.3f ms (%.2f s on one thread); the engine %.3f ms wall, %.3f"
                            + " ms CPU (target: under 1 ms)%n"
                            + "rollout %,d episodes (4 forks x 50 tasks) in %.2f s wall, %.2f s CPU = %,.0f episodes/s"
                            + " (%d with state reward 1)", episodes, agentSteps, userTurns, toolCalls, runSeconds,
                    runCpuSeconds, runSeconds * 1000 / agentSteps, runCpuSeconds * 1000 / agentSteps,
                    environmentSeconds * 1000 / agentSteps, environmentSeconds, overheadMillisPerStep(),
                    overheadCpuMillisPerStep(), forkEpisodes, forkSeconds, forkCpuSeconds,
                    forkEpisodes / forkSeconds, forksWithReward);
        }
    }

    /** CPU time of the whole process so far. */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private AgentBenchmark() {
    }

    /**
     * @param repetitions direct runs of the 50 tasks timed (after one untimed)
     * @param concurrency episodes at once
     */
    public static Figures run(Engine engine, Path work, int repetitions, int concurrency) throws Exception {
        Path tasks = Examples.tauBenchTasks();
        RecordedTauAgent model = RecordedTauAgent.load(Examples.episodes());
        List<TaskSpec> specs = engine.runs().tasks(tasks);
        run(engine, work.resolve("warm-up"), tasks, model, concurrency, 1);
        long start = System.nanoTime();
        double cpuStart = processCpuSeconds();
        List<Path> records = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            records.add(run(engine, work.resolve("run-" + i), tasks, model, concurrency, 1).records());
        }
        double runSeconds = (System.nanoTime() - start) / 1e9;
        double runCpu = processCpuSeconds() - cpuStart;
        // counted after the clock stops: reading the records back is the benchmark's work, not the engine's
        long[] counts = new long[3];
        for (Path file : records) {
            long[] c = count(file);
            for (int j = 0; j < 3; j++) {
                counts[j] += c[j];
            }
        }
        int episodes = specs.size() * repetitions;
        environment(model, specs); // warm-up
        // on one thread, in its CPU time: the environment's work, not the machine's load
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long envStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < repetitions; i++) {
            environment(model, specs);
        }
        double environmentSeconds = (threads.getCurrentThreadCpuTime() - envStart) / 1e9;

        run(engine, work.resolve("forks-warm-up"), tasks, model, concurrency, 4);
        long forkStart = System.nanoTime();
        double forkCpuStart = processCpuSeconds();
        RunResult forks = run(engine, work.resolve("forks"), tasks, model, concurrency, 4);
        double forkSeconds = (System.nanoTime() - forkStart) / 1e9;
        double forkCpu = processCpuSeconds() - forkCpuStart;
        long rewarded = 0;
        for (String line : Files.readAllLines(forks.records())) {
            rewarded += new ObjectMapper().readTree(line).at("/reward/value").asDouble() == 1.0 ? 1 : 0;
        }
        return new Figures(episodes, counts[0], counts[1], counts[2], runSeconds, runCpu, environmentSeconds,
                specs.size() * 4, forkSeconds, forkCpu, rewarded);
    }

    private static RunResult run(Engine engine, Path folder, Path tasks, RecordedTauAgent model, int concurrency,
            int forks) throws Exception {
        delete(folder);
        RunSpec.Builder spec = RunSpec.builder().tasks(tasks).backend("recorded").model(model)
                .concurrency(concurrency);
        if (forks > 1) {
            spec.forks(forks, null, 0);
        }
        RunResult result = engine.runs().start(folder, spec.build());
        if (!result.crashed().isEmpty()) {
            throw new IllegalStateException("the benchmark's run crashed: " + result.crashed().getFirst());
        }
        return result;
    }

    /** Agent steps, simulated user turns and tool calls of a run's episodes. */
    private static long[] count(Path records) throws IOException {
        long[] counts = new long[3];
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(records)) {
            JsonNode messages = json.readTree(line).at("/episode/messages");
            boolean opened = false;
            for (JsonNode m : messages) {
                String role = m.path("role").asText();
                if (role.equals("assistant")) {
                    counts[0]++;
                    counts[2] += m.path("tool_calls").size();
                } else if (role.equals("user")) {
                    counts[1] += opened ? 1 : 0;
                    opened = true;
                }
            }
        }
        return counts;
    }

    /** The environment's own work for one run of the tasks: each episode's calls, then the expected actions. */
    private static void environment(RecordedTauAgent model, List<TaskSpec> tasks) {
        for (TaskSpec task : tasks) {
            TauAirlineEnvironment played = TauAirlineEnvironment.create();
            for (ChatMessage message : model.recordings().get(task.id()).messages()) {
                for (ToolCall call : message.toolCalls()) {
                    played.execute(call);
                }
            }
            played.stateDigest();
            TauAirlineEnvironment expected = TauAirlineEnvironment.create();
            for (ConstraintSpec c : task.constraints()) {
                if (c.verifier().equals("env:state_matches")) {
                    int i = 0;
                    for (Object action : (List<?>) c.arguments().get("actions")) {
                        Map<?, ?> a = (Map<?, ?>) action;
                        expected.execute(new ToolCall("expected-" + i++, (String) a.get("name"),
                                json(a.get("arguments"))));
                    }
                }
            }
            expected.stateDigest();
        }
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
