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
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.UserSpec;
import io.trace2train.engine.Engine;
import io.trace2train.engine.RunResult;
import io.trace2train.engine.RunSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.record.RecordJson;
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
        RunResult result = Engine.start(EngineConfig.defaults()).runs().start(dir.resolve(name), RunSpec.builder()
                .tasks(task()).backend("scripted").model(new ScriptedAgent(script)).build());
        assertEquals(List.of(), RecordValidator.validate(result.records()).problems());
        List<ComplianceRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(result.records())) {
            records.add(RecordJson.read(line));
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
}
