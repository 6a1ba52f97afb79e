package io.trace2train.engine.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.trace2train.testing.ExampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeLogReaderTest {

    static final Path TAU_BENCH = ExampleData.tauBench("airline/trajectories_gpt4o.jsonl");

    @TempDir
    Path dir;

    private static List<LoggedEpisode> read(LogFormat format, Path file, List<InputProblem> problems) {
        List<LoggedEpisode> episodes = new ArrayList<>();
        new EpisodeLogReader(format).read(file, episodes::add, problems);
        return episodes;
    }

    @Test
    void theShippedTauBenchEpisodesAreReadWithTheirTasksAsConstraints() throws Exception {
        List<InputProblem> problems = new ArrayList<>();
        List<LoggedEpisode> episodes = read(LogFormat.TAU_BENCH, TAU_BENCH, problems);

        assertEquals(List.of(), problems);
        assertEquals(200, episodes.size());
        LoggedEpisode first = episodes.getFirst();
        assertEquals("0", first.taskKey());
        assertEquals(0, first.trial());
        assertEquals(1, first.line());
        assertEquals(Role.SYSTEM, first.messages().getFirst().role());
        // the prompt: system and first user message, up to the agent's first turn
        assertEquals(List.of(Role.SYSTEM, Role.USER), first.promptMessages().stream().map(m -> m.role()).toList());
        ConstraintSpec state = first.constraints().get(0);
        assertEquals(EpisodeLogReader.STATE_MATCHES, state.verifier());
        @SuppressWarnings("unchecked")
        Map<String, Object> action = (Map<String, Object>) ((List<?>) state.arguments().get("actions")).getFirst();
        assertEquals("book_reservation", action.get("name"));
        assertEquals("mia_li_3668", ((Map<?, ?>) action.get("arguments")).get("user_id"));
        assertEquals(Map.of("outputs", List.of()), first.constraints().get(1).arguments());
        assertEquals(EpisodeLogReader.TOLD_USER, first.constraints().get(1).verifier());
        // every line is one episode, each task's trials 0..3
        assertEquals(50, episodes.stream().map(LoggedEpisode::taskKey).distinct().count());
        assertTrue(episodes.stream().allMatch(e -> e.trial() >= 0 && e.trial() < 4));
        assertEquals(1164, episodes.stream().mapToLong(e -> e.episode(List.of()).calls().size()).sum());
    }

    @Test
    void tauBenchsRunPyArrayIsReadWithItsRewardsKept() throws Exception {
        List<String> lines = Files.readAllLines(TAU_BENCH).subList(0, 3);
        ArrayNode results = JsonLines.mapper().createArrayNode();
        double[] rewards = {1.0, 0.0, 1.0};
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JsonLines.mapper().readTree(lines.get(i));
            ObjectNode result = results.addObject();
            result.set("task_id", line.get("task_id"));
            result.put("reward", rewards[i]);
            result.putObject("info").set("task", line.get("task"));
            result.set("traj", line.get("messages"));
            result.set("trial", line.get("trial"));
        }
        Path file = dir.resolve("results.json");
        Files.writeString(file, JsonLines.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));

        List<InputProblem> problems = new ArrayList<>();
        List<LoggedEpisode> episodes = read(LogFormat.TAU_BENCH, file, problems);

        assertEquals(List.of(), problems);
        assertEquals(List.of(1.0, 0.0, 1.0), episodes.stream().map(LoggedEpisode::loggedReward).toList());
        assertEquals(1, episodes.get(0).line()); // where each element starts: "[ {" on the first line
        assertTrue(episodes.get(1).line() > episodes.get(0).line());
        assertEquals(EpisodeLogReader.STATE_MATCHES, episodes.get(2).constraints().getFirst().verifier());
    }

    private static final String TOOLS = "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"lookup\","
            + " \"parameters\": {\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\"}}}}}]";

    private static String call(String id, String arguments) {
        return "{\"id\": \"" + id + "\", \"type\": \"function\", \"function\": {\"name\": \"lookup\", \"arguments\": "
                + arguments + "}}";
    }

    private static String episode(String assistantCalls, String toolResults) {
        return "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\":"
                + " \"Find x\"}, {\"role\": \"assistant\", \"content\": null, \"tool_calls\": [" + assistantCalls
                + "]}" + toolResults + ", {\"role\": \"assistant\", \"content\": \"done\"}], " + TOOLS + "}";
    }

    private static String result(String id) {
        return ", {\"role\": \"tool\", \"tool_call_id\": \"" + id + "\", \"name\": \"lookup\", \"content\": \"42\"}";
    }

    @Test
    void eachBrokenEpisodeIsReportedByLineAndFieldAndTheOthersAreRead() throws Exception {
        Path file = dir.resolve("log.jsonl");
        Files.write(file, List.of(
                episode(call("a", "\"{\\\"q\\\": \\\"x\\\"}\""), result("a")),
                episode(call("a", "\"{}\""), result("b")),
                episode(call("a", "\"{}\"") + ", " + call("a", "\"{}\""), result("a")),
                "{\"messages\": [{\"role\": \"function\", \"content\": \"x\"}, {\"role\": \"user\", \"content\":"
                        + " \"y\"}]}",
                "{\"messages\": [{\"role\": \"system\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\":"
                        + " \"y\"}]}",
                episode(call("a", "\"{not json\""), result("a")),
                episode(call("a", "{\"q\": \"x\"}"), result("a")),
                "{\"messages\": [{\"role\": \"user\", \"content\": \"y\"}], \"constraints\": [{\"verifier\": 3}],"
                        + " \"extra\": 1}",
                "not json at all",
                episode(call("p1", "\"{\\\"q\\\": \\\"x\\\"}\"") + ", " + call("p2", "\"{\\\"q\\\": \\\"y\\\"}\""),
                        result("p1") + result("p2"))));
        List<InputProblem> problems = new ArrayList<>();

        List<LoggedEpisode> episodes = read(LogFormat.OPENAI, file, problems);

        assertEquals(List.of(
                file + ":2: messages[3].tool_call_id: a tool result for call 'b', which no assistant message before"
                        + " it made",
                file + ":3: messages[2].tool_calls[1].id: call id 'a' used again before its first"
                        + " call (messages[2].tool_calls[0]) was answered: a tool result could not say which call it"
                        + " answers",
                file + ":4: messages[0].role: unknown role 'function': expected system, user, assistant or tool",
                file + ":5: messages: no user message: an episode starts from one",
                file + ":8: extra: unknown field; an episode has [constraints, environment, messages, metadata,"
                        + " model, parallel_tool_calls, reward, task_id, tools]",
                file + ":8: constraints[0].verifier: expected an instruction id such as \"punctuation:no_comma\"",
                file + ":9: not valid JSON: " + problems.get(problems.size() - 1).message().substring(
                        "not valid JSON: ".length())),
                problems.stream().map(InputProblem::toString).toList());
        assertEquals(List.of(1, 6, 7, 10), episodes.stream().map(LoggedEpisode::line).toList());
        // arguments that are not JSON are the agent's error: kept as logged, for tool:arguments_valid to judge
        assertEquals("{not json", episodes.get(1).messages().get(2).toolCalls().getFirst().arguments());
        // arguments logged as an object are re-encoded to text
        assertEquals("{\"q\":\"x\"}", episodes.get(2).messages().get(2).toolCalls().getFirst().arguments());
        // parallel calls: one turn, two calls, two results, in order
        Episode parallel = episodes.get(3).episode(episodes.get(3).tools());
        assertEquals(List.of("p1", "p2"), parallel.calls().stream().map(c -> c.call().id()).toList());
        assertEquals(List.of(2, 2), parallel.calls().stream().map(Episode.Call::message).toList());
        assertEquals(new ToolCall("p2", "lookup", "{\"q\": \"y\"}"), parallel.calls().get(1).call());
        assertEquals("done", parallel.finalAnswer());
        assertEquals("lookup", episodes.get(0).tools().getFirst().name());
        // no task_id: the key is a hash of the system and first user message, the same for equal prompts
        assertEquals(episodes.get(0).taskKey(), episodes.get(3).taskKey());
        assertTrue(episodes.get(0).taskKey().matches("episode-[0-9a-f]{12}"), episodes.get(0).taskKey());
        assertTrue(!episodes.get(0).taskKey().equals(EpisodeLogReader.hashKey(List.of(
                io.trace2train.api.task.ChatMessage.system("Be brief."),
                io.trace2train.api.task.ChatMessage.user("Find y")))));
    }
}
