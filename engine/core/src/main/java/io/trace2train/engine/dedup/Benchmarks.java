package io.trace2train.engine.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.config.ProjectHome;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark prompts the project ships, by name, and a user's own file:
 * <ul>
 * <li>{@code ifeval}: {@code examples/ifeval/input_data.jsonl}, each row's {@code prompt} under its {@code key};</li>
 * <li>{@code ifbench}: {@code examples/ifbench/IFBench_test.jsonl}, the same;</li>
 * <li>{@code tau-airline}: {@code examples/tau-bench/airline/tasks.jsonl}, per task the user simulator's
 * instruction (key {@code ID/instruction}) and the user's opening message ({@code ID/opening}); the airline policy
 * (the system message every task shares) is the environment's, not a task's prompt;</li>
 * <li>a file: JSON Lines rows with a {@code prompt} string, keyed by {@code key} or {@code id} or the line.</li>
 * </ul>
 */
public final class Benchmarks {

    /** The benchmarks by name and the files the project ships them in. */
    public static final Map<String, String> SHIPPED = Map.of("ifeval", "examples/ifeval/input_data.jsonl",
            "ifbench", "examples/ifbench/IFBench_test.jsonl", "tau-airline", "examples/tau-bench/airline/tasks.jsonl");

    private Benchmarks() {
    }

    /**
     * The prompts of the named benchmarks, then of each file (named by its file name), in that order.
     *
     * @throws BadInputException for an unknown name, or naming every bad line of a file
     */
    public static List<BenchmarkPrompt> load(List<String> names, List<Path> files) {
        List<BenchmarkPrompt> prompts = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (String name : names) {
            String shipped = SHIPPED.get(name);
            if (shipped == null) {
                throw new BadInputException("unknown benchmark '" + name + "': known are "
                        + SHIPPED.keySet().stream().sorted().toList() + ", or give --benchmark-file FILE");
            }
            read(name, ProjectHome.resolve(shipped), name.equals("tau-airline"), prompts, problems);
        }
        for (Path file : files) {
            read(file.getFileName().toString(), file, false, prompts, problems);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return prompts;
    }

    private static void read(String benchmark, Path file, boolean tau, List<BenchmarkPrompt> prompts,
            List<InputProblem> problems) {
        JsonLines.read(file, (row, line) -> {
            String key = key(row, line);
            if (tau) {
                JsonNode instruction = row.path("user").path("simulator").path("instruction");
                if (!instruction.isTextual()) {
                    problems.add(new InputProblem(file, line, "user.simulator.instruction", "missing"));
                    return;
                }
                prompts.add(new BenchmarkPrompt(benchmark, key + "/instruction", instruction.asText()));
                for (JsonNode message : row.path("messages")) {
                    if ("user".equals(message.path("role").asText()) && message.path("content").isTextual()) {
                        prompts.add(new BenchmarkPrompt(benchmark, key + "/opening", message.get("content").asText()));
                        break;
                    }
                }
                return;
            }
            JsonNode prompt = row.get("prompt");
            if (prompt == null || !prompt.isTextual()) {
                problems.add(new InputProblem(file, line, "prompt", prompt == null ? "missing"
                        : "expected a string but got " + prompt.getNodeType()));
                return;
            }
            prompts.add(new BenchmarkPrompt(benchmark, key, prompt.asText()));
        }, problems);
    }

    private static String key(ObjectNode row, int line) {
        for (String field : List.of("key", "id")) {
            JsonNode key = row.get(field);
            if (key != null && key.isValueNode() && !key.isNull()) {
                return key.asText();
            }
        }
        return "line " + line;
    }
}
