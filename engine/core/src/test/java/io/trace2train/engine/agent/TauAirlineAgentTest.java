package io.trace2train.engine.agent;

import static io.trace2train.engine.agent.ScriptedAgent.calls;
import static io.trace2train.engine.agent.ScriptedAgent.says;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.run.SeedSequence;
import io.trace2train.engine.store.RecordValidator;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A τ-bench airline task (task 1 of the shipped trajectories: cancel Olivia Gonzalez's reservation Z7GOZK) run live
 * in {@code tau-airline} with a simulated user, judged by the {@code agent} plugin's episode constraints and rewarded by
 * the state reward, the default for tasks in an environment.
 */
class TauAirlineAgentTest {

    @TempDir
    Path dir;

    static Generation agent(GenerationRequest request, String reservation) {
        if (ScriptedAgent.simulator(request)) {
            return says(UserSpec.STOP);
        }
        return switch ((int) ScriptedAgent.step(request)) {
            case 0 -> calls(new ToolCall("call_1", "get_user_details", "{\"user_id\": \"olivia_gonzalez_2305\"}"));
            case 1 -> calls(new ToolCall("call_2", "cancel_reservation", "{\"reservation_id\": \"" + reservation
                    + "\"}"));
            default -> says("Your reservation " + reservation + " is cancelled.");
        };
    }

    Path task() throws Exception {
        ObjectNode task = JsonLines.mapper().createObjectNode();
        task.put("id", "airline-1");
        task.put("system", "You are an airline agent.");
        task.put("prompt", "Hi, I'm Olivia Gonzalez (olivia_gonzalez_2305). Please cancel my Texas trip.");
        task.set("tools", JsonLines.mapper().readTree(ExampleData.tauBench("airline/tools.json").toFile()));
        task.put("environment", "tau-airline");
        task.putObject("user").putObject("simulator").put("instruction", "You are olivia_gonzalez_2305 and want"
                + " your reservation Z7GOZK cancelled.");
        ArrayNode constraints = task.putArray("constraints");
        constraints.addObject().put("verifier", "env:state_matches").putObject("args").putArray("actions")
                .addObject().put("name", "cancel_reservation").putObject("arguments")
                .put("reservation_id", "Z7GOZK");
        constraints.addObject().put("verifier", "answer:told_user").putObject("args").putArray("outputs");
        for (String structural : List.of("tool:known", "tool:arguments_valid", "tool:answered")) {
            constraints.addObject().put("verifier", structural);
        }
        return Files.writeString(dir.resolve("airline.jsonl"), JsonLines.mapper().writeValueAsString(task) + "\n");
    }

    List<ComplianceRecord> run(String name, Function<GenerationRequest, Generation> script) throws Exception {
        return run(name, "direct", script);
    }

    List<ComplianceRecord> run(String name, String mode, Function<GenerationRequest, Generation> script)
            throws Exception {
        RunResult result = Engine.start(EngineConfig.defaults()).runs().start(dir.resolve(name), RunSpec.builder()
                .tasks(task()).backend("scripted").mode(mode).model(new ScriptedAgent(script)).build());
        assertEquals(List.of(), RecordValidator.validate(result.records()).problems());
        List<ComplianceRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(result.records())) {
            ComplianceRecord record = RecordJson.read(line);
            // the sink writes each record in its one JSON form
            assertEquals(RecordJson.write(record), line);
            records.add(record);
        }
        return records;
    }

    @Test
    void theRightCancellationEarnsTheStateRewardAndAWrongOneDoesNot() throws Exception {
        ComplianceRecord right = run("right", r -> agent(r, "Z7GOZK")).getFirst();

        assertTrue(right.passed(), () -> right.finalConstraints().toString());
        assertEquals("state", right.reward().function());
        assertEquals(1.0, right.reward().value());
        assertEquals(UserSpec.STOP, right.episode().messages().getLast().content());
        assertEquals(Role.USER, right.episode().messages().getLast().role());
        assertEquals("Your reservation Z7GOZK is cancelled.", right.finalOutput());
        assertTrue(right.episode().messages().get(3).content().contains("\"Z7GOZK\", \"K67C4W\""),
                "the environment answered get_user_details");
        assertEquals(14, right.episode().tools().size());

        // another of her reservations: the world differs from the expected one, and env:state_matches names it
        ComplianceRecord wrong = run("wrong", r -> agent(r, "XEHM4B")).getFirst();
        assertEquals(0.0, wrong.reward().value());
        assertEquals(List.of(0), wrong.finalViolations());
        assertNotEquals(right.environment().finalStateDigest(), wrong.environment().finalStateDigest());
    }

    /** Whether the agent was told, after a fork, what its episode got wrong. */
    static boolean toldWhatFailed(GenerationRequest request) {
        return request.messages().stream().anyMatch(m -> m.role() == Role.USER
                && m.content().startsWith("Your previous attempt from this point on did not follow"));
    }

    @Test
    void fullPclForksBeforeTheWrongCancellationInARestoredWorldAndKeepsBothBranches() throws Exception {
        ComplianceRecord record = run("pcl", "full_pcl", r -> agent(r, toldWhatFailed(r) ? "Z7GOZK" : "XEHM4B"))
                .getFirst();

        assertTrue(record.passed(), () -> record.finalConstraints().toString());
        assertEquals(1.0, record.reward().value());
        assertEquals(1, record.roundsUsed());
        assertEquals(List.of(0), record.initialViolations());
        assertEquals(2, record.attempts().size());
        AttemptRecord first = record.attempts().get(0);
        AttemptRecord fork = record.attempts().get(1);
        // the first episode is kept whole: task messages, then 2 calls, 2 results, the answer and the user's stop
        assertEquals(null, first.branch().from());
        assertEquals(6, first.branch().messages().size());
        assertTrue(first.branch().messages().get(2).toolCalls().getFirst().arguments().contains("XEHM4B"));
        // env:state_matches blames the cancellation (message 4): the fork keeps messages 0-3 and replaces the rest
        assertEquals("fork", fork.strategy());
        assertEquals(0, fork.branch().from());
        assertEquals(4, fork.branch().forkAt());
        List<ChatMessage> prefix = record.episode().messages().subList(0, 4);
        List<ChatMessage> whole = new ArrayList<>(record.promptMessages());
        whole.addAll(first.branch().messages());
        assertEquals(whole.subList(0, 4), prefix);
        assertEquals(prefix, fork.sent().subList(0, 4));
        assertEquals(5, fork.sent().size(), "the prefix and the feedback");
        assertTrue(fork.sent().getLast().content().contains("env:state_matches"), fork.sent().getLast().content());
        assertTrue(fork.sent().getLast().content().contains("Z7GOZK"), "the hint names the expected change");
        // the record's episode is the fork as the world saw it: the prefix and the continuation, no feedback
        List<ChatMessage> repaired = new ArrayList<>(prefix);
        repaired.addAll(fork.branch().messages());
        assertEquals(repaired, record.episode().messages());
        assertTrue(record.episode().messages().stream().noneMatch(m -> m.content().startsWith("Your previous")));
        assertTrue(record.episode().messages().get(4).toolCalls().getFirst().arguments().contains("Z7GOZK"));
        // the fork's world never saw the first episode's cancellation: its state is the expected one alone
        ComplianceRecord right = run("right", r -> agent(r, "Z7GOZK")).getFirst();
        assertEquals(right.environment().finalStateDigest(), record.environment().finalStateDigest());
        assertEquals(right.episode().messages(), record.episode().messages());
        // the fork's seeds go on from the first episode's 3 agent calls
        assertEquals(new SeedSequence(record.generation().seed(), "airline-1").seed(3), fork.seed());
        assertEquals(fork.promptTokens() + fork.completionTokens(), record.tokens().repair());
    }
}
