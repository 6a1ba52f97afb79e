package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.testing.ExampleData;
import io.trace2train.testing.OpenAiLoopbackServer;
import io.trace2train.testing.OpenAiLoopbackServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * full_pcl over tau-airline end to end, through the CLI and LangChain4j against a loopback server scripted as a
 * tool-calling model: τ-bench airline task 25 (Aarav Ahmed's one-way JFK-SFO booking). Its first episode books with
 * a wrong argument (two checked bags instead of none); env:state_matches blames that call, the episode is forked just
 * before it, and the model, told what failed, books as expected: state reward 1, and a DPO pair whose prompt is the
 * shared prefix. Killed with SIGKILL mid-way and resumed, the run gives the same records as an uninterrupted one.
 */
class AgentRepairIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEEDBACK = "Your previous attempt from this point on did not follow";
    private static final String CONFIRM = "I can book HAT069 and HAT258 on 2024-05-24 from JFK to SFO in economy for"
            + " Aarav Ahmed, paid with credit_card_9074831 ($290), no bags, no insurance. Shall I proceed?";

    @TempDir
    Path dir;

    /** The expected booking of task 25, with {@code bags} checked bags. */
    static ObjectNode booking(int bags) {
        ObjectNode args = JSON.createObjectNode();
        args.put("user_id", "aarav_ahmed_6699").put("origin", "JFK").put("destination", "SFO")
                .put("flight_type", "one_way").put("cabin", "economy");
        ArrayNode flights = args.putArray("flights");
        flights.addObject().put("flight_number", "HAT069").put("date", "2024-05-24");
        flights.addObject().put("flight_number", "HAT258").put("date", "2024-05-24");
        args.putArray("passengers").addObject().put("first_name", "Aarav").put("last_name", "Ahmed")
                .put("dob", "1985-04-04");
        args.putArray("payment_methods").addObject().put("payment_id", "credit_card_9074831").put("amount", 290);
        args.put("total_baggages", bags).put("nonfree_baggages", 0).put("insurance", "no");
        return args;
    }

    /**
     * The model: asks for confirmation, then books (wrongly, unless told what failed), then says it is booked.
     * Keyed on the request alone, so a resumed run gets the same answers.
     */
    static Answer model(JsonNode body) {
        JsonNode messages = body.get("messages");
        JsonNode last = messages.get(messages.size() - 1);
        String role = last.get("role").textValue();
        String content = last.path("content").asText("");
        Answer answer;
        if (role.equals("tool")) {
            answer = Answer.completion("Your trip is booked.", 30, 5);
        } else if (content.startsWith(FEEDBACK)) {
            answer = Answer.toolCalls(List.of(new OpenAiLoopbackServer.ToolCall("call_fixed", "book_reservation",
                    booking(0).toString())));
        } else if (content.startsWith("Yes")) {
            answer = Answer.toolCalls(List.of(new OpenAiLoopbackServer.ToolCall("call_book", "book_reservation",
                    booking(2).toString())));
        } else {
            answer = Answer.completion(CONFIRM, 20, 40);
        }
        return answer.delayed(5);
    }

    Path tasks(int copies) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            ObjectNode task = JSON.createObjectNode();
            task.put("id", "airline-25-" + i);
            task.put("system", "You are an airline agent. Book only what the user confirms.");
            task.put("prompt", "Hi, I'm Aarav Ahmed (aarav_ahmed_6699). I want a one-way economy trip from JFK to SFO"
                    + " on May 24: HAT069 then HAT258, paid with my credit card, no bags, no insurance.");
            task.set("tools", JSON.readTree(ExampleData.tauBench("airline/tools.json").toFile()));
            task.put("environment", "tau-airline");
            task.putObject("user").putArray("turns").add("Yes, please book it.");
            ArrayNode constraints = task.putArray("constraints");
            ObjectNode action = constraints.addObject().put("verifier", "env:state_matches").putObject("args")
                    .putArray("actions").addObject();
            action.put("name", "book_reservation").set("arguments", booking(0));
            for (String structural : List.of("tool:known", "tool:arguments_valid", "tool:answered")) {
                constraints.addObject().put("verifier", structural);
            }
            lines.add(JSON.writeValueAsString(task));
        }
        return Files.write(dir.resolve("tasks-" + copies + ".jsonl"), lines);
    }

    static List<String> runArgs(Path tasks, OpenAiLoopbackServer server, Path out) {
        return List.of("run", "--tasks", tasks.toString(), "--mode", "full_pcl", "--backend", "langchain4j",
                "--option", "base-url=" + server.baseUrl(), "--option", "model=qwen-test", "--seed", "7",
                "--concurrency", "2", "--out", out.toString());
    }

    @Test
    void aWrongBookingIsForkedAtItsCallRepairedToStateRewardOneAndPairedForDpo() throws Exception {
        Path tasks = tasks(1);
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer().respondWith(AgentRepairIT::model)) {
            Path out = dir.resolve("run");
            CommandLineRun run = CommandLineRun.of(runArgs(tasks, server, out).toArray());
            assertEquals(Main.OK, run.exitCode(), run::toString);

            JsonNode record = JSON.readTree(Files.readString(out.resolve("records.jsonl")));
            assertTrue(record.get("passed").booleanValue(), record::toString);
            assertEquals("state", record.at("/reward/function").textValue());
            assertEquals(1.0, record.at("/reward/value").doubleValue());
            assertEquals(2, record.get("attempts").size());
            // the first episode: system, user, confirmation, "yes", the wrong booking, its result, the answer
            JsonNode first = record.at("/attempts/0");
            assertEquals(5, first.at("/branch/messages").size());
            assertTrue(first.at("/branch/messages/2/tool_calls/0/function/arguments").textValue().contains(
                    "\"total_baggages\":2"), first.toString());
            // env:state_matches blamed the booking (message 4): the fork keeps messages 0-3 and the feedback
            JsonNode fork = record.at("/attempts/1");
            assertEquals("fork", fork.get("strategy").textValue());
            assertEquals(0, fork.at("/branch/from").intValue());
            assertEquals(4, fork.at("/branch/fork_at").intValue());
            assertEquals(5, fork.get("sent").size());
            assertTrue(fork.at("/sent/4/content").textValue().startsWith(FEEDBACK));
            assertTrue(fork.at("/sent/4/content").textValue().contains("env:state_matches"));
            JsonNode episode = record.at("/episode/messages");
            assertEquals(7, episode.size());
            assertEquals("Yes, please book it.", episode.at("/3/content").textValue());
            assertTrue(episode.at("/4/tool_calls/0/function/arguments").textValue().contains("\"total_baggages\":0"));
            assertFalse(episode.toString().contains(FEEDBACK), "the record's episode leaves the feedback out");
            // the server saw the feedback after exactly the prefix
            JsonNode forked = server.bodies().stream().filter(b -> b.toString().contains(FEEDBACK)).findFirst()
                    .orElseThrow();
            assertEquals(5, forked.get("messages").size());

            Path dpo = dir.resolve("dpo.jsonl");
            CommandLineRun export = CommandLineRun.of("export", "--run", out, "--format", "dpo", "--out", dpo);
            assertEquals(Main.OK, export.exitCode(), export::toString);
            List<String> rows = Files.readAllLines(dpo);
            assertEquals(1, rows.size(), export::toString);
            JsonNode pair = JSON.readTree(rows.getFirst());
            JsonNode prompt = pair.get("prompt");
            assertEquals(4, prompt.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(episode.get(i).get("role"), prompt.get(i).get("role"));
                assertEquals(episode.get(i).get("content"), prompt.get(i).get("content"));
            }
            assertEquals(0, pair.at("/chosen/0/tool_calls/0/function/arguments/total_baggages").intValue());
            assertEquals(2, pair.at("/rejected/0/tool_calls/0/function/arguments/total_baggages").intValue());
            assertEquals("repair", pair.at("/metadata/source").textValue());
        }
    }

    @Test
    void killedMidwayAndResumedItGivesTheRecordsOfAnUninterruptedRun() throws Exception {
        int copies = 24;
        Path tasks = tasks(copies);
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer().respondWith(AgentRepairIT::model)) {
            Path whole = dir.resolve("whole");
            CommandLineRun uninterrupted = CommandLineRun.of(runArgs(tasks, server, whole).toArray());
            assertEquals(Main.OK, uninterrupted.exitCode(), uninterrupted::toString);

            Path out = dir.resolve("killed");
            Path records = out.resolve("records.jsonl");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), "io.trace2train.cli.Main"));
            command.addAll(runArgs(tasks, server, out));
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines(records) < 4 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(child.isAlive(), () -> "the run ended before it could be killed: " + read(dir.resolve(
                    "child.log")));
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no flushing
            long before = lines(records);
            assertTrue(before >= 4 && before < copies, "records when killed: " + before);

            CommandLineRun resumed = CommandLineRun.of("run", "--tasks", tasks, "--resume", out);
            assertEquals(Main.OK, resumed.exitCode(), resumed::toString);
            assertEquals(comparable(whole.resolve("records.jsonl")), comparable(records));
        }
    }

    /** The records by task, without what differs between two runs of the same work: ids and timings. */
    static Map<String, JsonNode> comparable(Path records) throws Exception {
        Map<String, JsonNode> byTask = new TreeMap<>();
        for (String line : Files.readAllLines(records)) {
            JsonNode record = JSON.readTree(line);
            strip(record);
            assertEquals(null, byTask.put(record.get("task_id").textValue(), record), "no task ran twice");
        }
        return byTask;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("record_id", "run_id", "latency_ms"));
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                strip(it.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(AgentRepairIT::strip);
        }
    }

    private static long lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var stream = Files.lines(file)) {
            return stream.count();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
