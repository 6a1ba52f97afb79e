package io.trace2train.exporters.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.Exporter;
import io.trace2train.api.export.ExporterFactory;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.engine.export.DatasetCard;
import io.trace2train.engine.export.DatasetFeatures;
import io.trace2train.engine.export.ExportFilters;
import io.trace2train.engine.export.ExportRun;
import io.trace2train.engine.record.JsonSchemas;
import io.trace2train.engine.record.RecordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent episodes export as tool-calling rows: TRL's (arguments as JSON objects) and OpenAI's (arguments as the
 * logged JSON strings), with the offered tools; DPO pairs only where two episodes part at an assistant turn; every
 * row fits its schema and the features its card declares, in a file that mixes episodes and single answers.
 */
class EpisodeExportTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static final List<ToolDefinition> TOOLS = List.of(
            new ToolDefinition("get_weather", "The weather in a city", Map.of("type", "object",
                    "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"),
                    "additionalProperties", false)),
            new ToolDefinition("search_flights", "Flights to a city", Map.of("type", "object",
                    "properties", Map.of("to", Map.of("type", "string"), "max_price", Map.of("type", "number")),
                    "required", List.of("to"))),
            new ToolDefinition("book_flight", "Books seats on a flight", Map.of("type", "object",
                    "properties", Map.of("flight", Map.of("type", "string"), "seats", Map.of("type", "integer")),
                    "required", List.of("flight", "seats"))));

    private static final ChatMessage SYSTEM = ChatMessage.system("You are a travel agent. Book only what is asked.");
    private static final ChatMessage USER = ChatMessage.user("Book one seat on the cheapest flight to Oslo and tell"
            + " me the weather there.");
    /** Two parallel calls; the weather tool answers with an error, as τ-bench's tools do. */
    private static final List<ChatMessage> OPENING = List.of(SYSTEM, USER,
            ChatMessage.assistant("", List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Oslo\"}"),
                    new ToolCall("call_2", "search_flights", "{\"to\": \"Oslo\", \"max_price\": 250.50}"))),
            ChatMessage.tool("call_1", "get_weather", "Error: weather service unavailable"),
            ChatMessage.tool("call_2", "search_flights", "[{\"flight\": \"F1\", \"price\": 120}]"));
    private static final ChatMessage BOOK_F1 = ChatMessage.assistant("",
            List.of(new ToolCall("call_3", "book_flight", "{\"flight\": \"F1\", \"seats\": 1}")));
    private static final ChatMessage BOOKED_F1 = ChatMessage.tool("call_3", "book_flight", "{\"reservation\": \"R100\"}");
    private static final String GOOD_ANSWER = "Booked F1 (reservation R100). The weather service is down.";

    /** Passes. */
    private static final Episode A = episode(OPENING, List.of(BOOK_F1, BOOKED_F1, ChatMessage.assistant(GOOD_ANSWER)));
    /** Parts from A at its second assistant turn (books F2). */
    private static final Episode B = episode(OPENING, List.of(ChatMessage.assistant("",
            List.of(new ToolCall("call_3", "book_flight", "{\"flight\": \"F2\", \"seats\": 1}"))),
            ChatMessage.tool("call_3", "book_flight", "{\"reservation\": \"R101\"}"),
            ChatMessage.assistant("Booked F2.")));
    /** Its user words the request differently: no pair with A. */
    private static final Episode C = episode(List.of(SYSTEM, ChatMessage.user("Cheapest seat to Oslo please, and the"
            + " weather.")), OPENING.subList(2, OPENING.size()), List.of(BOOK_F1, BOOKED_F1,
            ChatMessage.assistant("Booked F1.")));
    /** Its first call's arguments are not JSON. */
    private static final Episode D = episode(List.of(SYSTEM, USER, ChatMessage.assistant("",
            List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Oslo\""))),
            ChatMessage.tool("call_1", "get_weather", "Error: invalid arguments"), ChatMessage.assistant("Sorry.")));
    /** Parts from A only at the final answer. */
    private static final Episode E = episode(OPENING, List.of(BOOK_F1, BOOKED_F1,
            ChatMessage.assistant("Booked F1 (reservation R100).")));

    @TempDir
    Path dir;

    @SafeVarargs
    private static Episode episode(List<ChatMessage>... parts) {
        List<ChatMessage> messages = new ArrayList<>();
        for (List<ChatMessage> part : parts) {
            messages.addAll(part);
        }
        return new Episode(messages, TOOLS);
    }

    private Path episodeRun() throws Exception {
        List<ComplianceRecord> records = List.of(TestRecords.episode("trip", 0, 5, A, true),
                TestRecords.episode("trip", 1, 5, B, false), TestRecords.episode("trip", 2, 5, C, false),
                TestRecords.episode("trip", 3, 5, D, false), TestRecords.episode("trip", 4, 5, E, false));
        return TestRecords.runFolder(dir.resolve("episodes"), 5, records);
    }

    private static ExporterFactory factory(String name) {
        return new TrainingPlugin().exporterFactories().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private ExportRun.Summary export(String format, String flavor, Map<String, String> options, Path out,
            Path... runs) throws Exception {
        ExporterFactory factory = factory(format);
        return new ExportRun(factory, factory.create(flavor, options), ExportFilters.none()).export(List.of(runs),
                out);
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(RecordJson.mapper().readTree(line));
        }
        return rows;
    }

    private static JsonNode json(String text) throws Exception {
        return RecordJson.mapper().readTree(text);
    }

    /** The records' JSON once lost the episode: isEpisode() was ignored, and with it the property of its name. */
    @Test
    void aRecordKeepsItsEpisodeThroughItsJson() throws Exception {
        ComplianceRecord record = TestRecords.episode("trip", 0, 5, A, true);
        String line = RecordJson.write(record);
        assertTrue(line.contains("\"episode\":{\"messages\":"), line);
        assertFalse(line.contains("\"episode\":true"), line);
        assertEquals(A, RecordJson.read(line).episode());
        assertEquals(record, RecordJson.read(line));
    }

    @Test
    void sftOfTheTrlFlavorHoldsArgumentsAsObjectsAndTheToolsAsFunctionDefinitions() throws Exception {
        Path run = episodeRun();
        Path out = dir.resolve("out/sft-trl.jsonl");
        ExportRun.Summary summary = export("sft", "trl", Map.of(), out, run);
        List<JsonNode> rows = lines(out);
        assertEquals(1, rows.size(), "only the passing episode");
        JsonNode row = rows.getFirst();
        assertEquals(8, row.get("messages").size());
        assertEquals(json("{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": ["
                + "{\"id\": \"call_1\", \"type\": \"function\", \"function\": {\"name\": \"get_weather\","
                + " \"arguments\": {\"city\": \"Oslo\"}}},"
                + "{\"id\": \"call_2\", \"type\": \"function\", \"function\": {\"name\": \"search_flights\","
                + " \"arguments\": {\"to\": \"Oslo\", \"max_price\": 250.50}}}]}"), row.at("/messages/2"));
        assertTrue(Files.readString(out).contains("\"max_price\":250.50"), "the logged number, not a double's");
        assertEquals(json("{\"role\": \"tool\", \"content\": \"Error: weather service unavailable\","
                + " \"tool_call_id\": \"call_1\", \"name\": \"get_weather\"}"), row.at("/messages/3"));
        assertEquals(json("{\"role\": \"assistant\", \"content\": \"" + GOOD_ANSWER + "\"}"), row.at("/messages/7"));
        assertEquals(RecordJson.mapper().valueToTree(TOOLS), row.get("tools"));
        assertEquals("get_weather", row.at("/tools/0/function/name").textValue());
        assertEquals("object", row.at("/tools/0/function/parameters/type").textValue());
        assertEquals("trip-fork0", row.at("/metadata/completion/record_id").textValue());
        assertEquals(0, summary.unusableRows(), "an assistant turn that only calls tools is no blank message");

        // trained on the final turn only: TRL's conversational prompt-completion, the completion the last turn
        export("sft", "trl", Map.of("train-on", "final"), out, run);
        row = lines(out).getFirst();
        assertFalse(row.has("messages"));
        assertEquals(7, row.get("prompt").size());
        assertEquals(json("[{\"role\": \"assistant\", \"content\": \"" + GOOD_ANSWER + "\"}]"), row.get("completion"));
        assertEquals(3, row.get("tools").size());
    }

    @Test
    void sftOfTheOpenAiFlavorKeepsArgumentsAsTextAndWeightsTheTurnsItTrainsOn() throws Exception {
        Path run = episodeRun();
        Path out = dir.resolve("out/sft-openai.jsonl");
        export("sft", "openai", Map.of(), out, run);
        JsonNode row = lines(out).getFirst();
        assertEquals(List.of("messages", "tools", "parallel_tool_calls"), fieldNames(row), "no other fields");
        assertEquals("{\"to\": \"Oslo\", \"max_price\": 250.50}",
                row.at("/messages/2/tool_calls/1/function/arguments").textValue(), "the logged text");
        assertTrue(row.get("parallel_tool_calls").booleanValue(), "one turn calls two tools");
        assertFalse(row.toString().contains("weight"), "all turns: OpenAI trains every assistant message");

        export("sft", "openai", Map.of("train-on", "final"), out, run);
        row = lines(out).getFirst();
        List<Integer> weights = new ArrayList<>();
        for (JsonNode message : row.get("messages")) {
            if (message.get("role").textValue().equals("assistant")) {
                weights.add(message.get("weight").intValue());
            } else {
                assertFalse(message.has("weight"), "weight goes on assistant messages only");
            }
        }
        assertEquals(List.of(0, 0, 1), weights);

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> factory("sft").create("openai", Map.of("train-on", "last")));
        assertEquals("format sft: argument 'train-on': must be one of [all, final], got 'last'", bad.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A full_pcl record of the trip whose first episode books F2 and whose fork at that call (message 5) books F1:
     * the record's episode is A, and the attempts keep both branches.
     */
    static ComplianceRecord repaired() {
        ChatMessage feedback = ChatMessage.user("Your previous attempt from this point on did not follow these"
                + " instructions:\n- env:state_matches\n\nContinue from here, following every instruction.");
        List<ChatMessage> forkSent = new ArrayList<>(OPENING);
        forkSent.add(feedback);
        AttemptRecord first = new AttemptRecord(0, 0, "generate", OPENING.subList(0, 2), "Booked F2.",
                List.of(TestRecords.verdict(false)), 50, 9, 1, 7L, false, null,
                AttemptRecord.Branch.played(B.messages().subList(2, B.messages().size())));
        AttemptRecord fork = new AttemptRecord(1, 1, "fork", forkSent, GOOD_ANSWER,
                List.of(TestRecords.verdict(true)), 60, 12, 1, 8L, false, null,
                new AttemptRecord.Branch(A.messages().subList(5, A.messages().size()), 0, 5));
        return TestRecords.record("trip", OPENING.subList(0, 2), null, 100, List.of(first, fork), null)
                .withEpisode(A, null, null);
    }

    @Test
    void dpoPairsARepairedEpisodeWithTheBranchItRepairedFromTheForkPointWithoutTheFeedback() throws Exception {
        ComplianceRecord record = repaired();
        assertEquals(record, RecordJson.read(RecordJson.write(record)), "the branches survive their JSON");
        Path run = TestRecords.runFolder(dir.resolve("repaired"), 1, List.of(record));
        Path out = dir.resolve("out/dpo-repairs.jsonl");
        ExportRun.Summary summary = export("dpo", "trl", Map.of("sources", "repairs"), out, run);

        List<JsonNode> rows = lines(out);
        assertEquals(1, rows.size(), summary.report().toString());
        JsonNode pair = rows.getFirst();
        // the prompt is exactly the shared prefix: system, user, the parallel calls and their two results
        assertEquals(5, pair.get("prompt").size());
        assertEquals(List.of("system", "user", "assistant", "tool", "tool"), pair.get("prompt").findValuesAsText(
                "role"));
        assertEquals(SYSTEM.content(), pair.at("/prompt/0/content").textValue());
        assertEquals(USER.content(), pair.at("/prompt/1/content").textValue());
        assertEquals("[{\"flight\": \"F1\", \"price\": 120}]", pair.at("/prompt/4/content").textValue());
        assertFalse(pair.get("prompt").toString().contains("previous attempt"), "never the feedback");
        assertEquals("F1", pair.at("/chosen/0/tool_calls/0/function/arguments/flight").textValue());
        assertEquals(GOOD_ANSWER, pair.at("/chosen/2/content").textValue());
        assertEquals("F2", pair.at("/rejected/0/tool_calls/0/function/arguments/flight").textValue());
        assertEquals("Booked F2.", pair.at("/rejected/2/content").textValue());
        assertEquals("repair", pair.at("/metadata/source").textValue(), "as a single answer's repair trace");
        assertEquals(1, pair.at("/metadata/chosen/attempt").intValue());
        assertEquals(0, pair.at("/metadata/rejected/attempt").intValue());

        // pairs of forks only: one record has nothing to pair with
        export("dpo", "trl", Map.of("sources", "forks"), dir.resolve("out/dpo-forks.jsonl"), run);
        assertEquals(List.of(), lines(dir.resolve("out/dpo-forks.jsonl")));
    }

    /**
     * A Spark export makes each task's rows on an executor's exporter and writes the file with the driver's: the
     * counts behind the report (skipped rows, episodes that make no pair) travel as tallies, in the export's order,
     * so the report (and the card that holds it) equals one exporter's over the same tasks.
     */
    @Test
    void theReportIsTheSameWhenTasksAreExportedOnOtherExportersAndTheirTalliesMovedToTheWriter() {
        List<TaskRecords> tasks = new ArrayList<>();
        for (String task : List.of("trip", "trip2")) {
            tasks.add(new TaskRecords(task, List.of(TestRecords.episode(task, 0, 5, A, true),
                    TestRecords.episode(task, 1, 5, B, false), TestRecords.episode(task, 2, 5, C, false),
                    TestRecords.episode(task, 3, 5, D, false), TestRecords.episode(task, 4, 5, E, false))));
        }
        for (String format : List.of("dpo", "sft", "kto", "rewards")) {
            ExporterFactory factory = factory(format);
            for (String flavor : factory.flavors()) {
                String what = format + "/" + flavor;
                Exporter one = factory.create(flavor, Map.of());
                Exporter writer = factory.create(flavor, Map.of());
                List<ExportRow> rows = new ArrayList<>();
                List<ExportRow> spread = new ArrayList<>();
                for (TaskRecords task : tasks) {
                    one.export(task, rows::add);
                    // each task on its own worker, as two partitions would
                    Exporter worker = factory.create(flavor, Map.of());
                    worker.export(task, spread::add);
                    writer.addTally(worker.takeTally());
                    assertTrue(worker.takeTally().isEmpty(), what + ": a tally is handed out once");
                }
                assertEquals(rows.size(), spread.size(), what);
                List<String> report = one.report(rows.size(), 2);
                assertEquals(report, writer.report(spread.size(), 2), what);
                if (format.equals("dpo")) {
                    assertTrue(report.stream().anyMatch(l -> l.contains("2 episode pairings make no pair")
                            || l.contains("4 episode pairs left out")), what + ": " + report);
                }
                if (!one.takeTally().isEmpty()) {
                    assertNotEquals(report, factory.create(flavor, Map.of()).report(rows.size(), 2),
                            what + ": the report counts what the exporter saw");
                }
                // SFT takes passing episodes only, and D fails
                if ((format.equals("kto") || format.equals("rewards")) && flavor.equals("trl")) {
                    assertTrue(report.stream().anyMatch(l -> l.startsWith("warning: 2 rows skipped")
                            && l.contains("record trip-fork3 ")), what + ": " + report);
                }
            }
        }
    }

    @Test
    void dpoPairsEpisodesOnlyWhereTheyPartAtAnAssistantTurn() throws Exception {
        Path run = episodeRun();
        Path out = dir.resolve("out/dpo-trl.jsonl");
        ExportRun.Summary summary = export("dpo", "trl", Map.of(), out, run);
        List<JsonNode> rows = lines(out);
        assertEquals(2, rows.size(), "A-B and A-E; C parts at the user's message, D's arguments are no JSON");
        JsonNode ab = rows.get(0);
        assertEquals(5, ab.get("prompt").size(), "the prompt ends just before the differing assistant message");
        assertEquals(json("{\"city\": \"Oslo\"}"), ab.at("/prompt/2/tool_calls/0/function/arguments"));
        assertEquals("F1", ab.at("/chosen/0/tool_calls/0/function/arguments/flight").textValue());
        assertEquals("F2", ab.at("/rejected/0/tool_calls/0/function/arguments/flight").textValue());
        assertEquals(3, ab.get("chosen").size(), "the continuation: call, result, answer");
        assertEquals("trip-fork0", ab.at("/metadata/chosen/record_id").textValue(), "chosen ranks higher");
        assertEquals("trip-fork1", ab.at("/metadata/rejected/record_id").textValue());
        assertEquals("episodes", ab.at("/metadata/source").textValue());
        assertEquals(3, ab.get("tools").size());
        JsonNode ae = rows.get(1);
        assertEquals(7, ae.get("prompt").size());
        assertEquals(json("[{\"role\": \"assistant\", \"content\": \"Booked F1 (reservation R100).\"}]"),
                ae.get("rejected"));
        assertEquals(0, summary.unusableRows());
        assertTrue(summary.report().contains("1 episode pairing makes no pair: the episodes part at a user message"
                + " or a tool result, not at an assistant turn (their data is SFT, KTO and rewards rows)"),
                summary.report().toString());
        assertTrue(summary.warnings().stream().anyMatch(w -> w.startsWith("1 row skipped: a tool call's arguments"
                + " are not a JSON object") && w.contains("record trip-fork3") && w.contains("call_1")),
                summary.warnings().toString());

        // OpenAI takes one output message: only A-E, with the tools in its input
        out = dir.resolve("out/dpo-openai.jsonl");
        summary = export("dpo", "openai", Map.of(), out, run);
        rows = lines(out);
        assertEquals(1, rows.size());
        assertEquals(7, rows.getFirst().at("/input/messages").size());
        assertEquals("{\"flight\": \"F1\", \"seats\": 1}",
                rows.getFirst().at("/input/messages/5/tool_calls/0/function/arguments").textValue());
        assertEquals(3, rows.getFirst().at("/input/tools").size());
        assertEquals(GOOD_ANSWER, rows.getFirst().at("/preferred_output/0/content").textValue());
        assertTrue(summary.warnings().contains("2 episode pairs left out: a continuation is more than one assistant"
                + " message, and OpenAI's preference format takes one output (the trl flavor keeps them)"),
                summary.warnings().toString());
    }

    @Test
    void ktoAndRewardsRowsHoldTheWholeEpisodeAfterTheTasksPrompt() throws Exception {
        Path run = episodeRun();
        Path out = dir.resolve("out/kto-trl.jsonl");
        ExportRun.Summary summary = export("kto", "trl", Map.of(), out, run);
        List<JsonNode> rows = lines(out);
        assertEquals(4, rows.size(), "every episode but D, whose arguments TRL cannot hold");
        assertEquals(List.of(true, false, false, false), rows.stream().map(r -> r.get("label").booleanValue()).toList());
        JsonNode a = rows.getFirst();
        assertEquals(2, a.get("prompt").size(), "the task's conversation");
        assertEquals(6, a.get("completion").size(), "everything the agent did, tool results included");
        assertEquals("assistant", a.at("/completion/0/role").textValue());
        assertEquals(3, a.get("tools").size());
        assertTrue(summary.report().contains("labels: 1 desirable (true), 3 undesirable (false)"),
                summary.report().toString());
        assertTrue(summary.warnings().stream().anyMatch(w -> w.startsWith("1 row skipped")), summary.report().toString());

        out = dir.resolve("out/rewards-trl.jsonl");
        export("rewards", "trl", Map.of(), out, run);
        rows = lines(out);
        assertEquals(4, rows.size());
        assertEquals(1.0, rows.getFirst().get("reward").doubleValue());
        assertEquals(json("{\"flight\": \"F1\", \"seats\": 1}"),
                rows.getFirst().at("/completion/3/tool_calls/0/function/arguments"));
        assertEquals(3, rows.getFirst().get("tools").size());
    }

    /** Every format and flavor, over a file that holds single answers and episodes together. */
    @Test
    void everyRowFitsItsSchemaAndTheFeaturesItsCardDeclaresWithJsonForToolsAndArguments() throws Exception {
        Path episodes = episodeRun();
        Path answers = TestRecords.runFolder(dir.resolve("answers"), 1, List.of(TestRecords.record("t1",
                TestRecords.PROMPT, null, 42, List.of(TestRecords.attempt(0, "replay", "Cats, purr.", false, null),
                        TestRecords.attempt(1, "patch:remove_commas", "Cats purr.", true, null)), null)));
        int checked = 0;
        for (ExporterFactory factory : new TrainingPlugin().exporterFactories()) {
            for (String flavor : factory.flavors()) {
                List<Map<String, String>> optionSets = factory.name().equals("sft")
                        ? List.of(Map.of("train-on", "all"), Map.of("train-on", "final")) : List.of(Map.of());
                for (Map<String, String> options : optionSets) {
                    Exporter exporter = factory.create(flavor, options);
                    String config = factory.name() + "-" + flavor + options.values().stream().map(v -> "-" + v)
                            .reduce("", String::concat);
                    JsonSchema schema = JsonSchemas.load(exporter.getClass(), exporter.rowSchema());
                    DatasetFeatures features = DatasetFeatures.of(schema.getSchemaNode());
                    Path out = dir.resolve("mixed").resolve(config + ".jsonl");
                    ExportRun.Summary summary = new ExportRun(factory, exporter, ExportFilters.none())
                            .export(List.of(answers, episodes), out);
                    List<JsonNode> rows = lines(out);
                    // grpo leaves episodes out: the reward service judges single answers
                    assertTrue(factory.name().equals("grpo")
                            || rows.stream().anyMatch(r -> r.toString().contains("tool_calls")), config);
                    assertTrue(rows.stream().anyMatch(r -> !r.toString().contains("\"tools\"")), config
                            + ": single answers keep their shape");
                    for (JsonNode row : rows) {
                        assertEquals(List.of(), schema.validate(row).stream().map(Object::toString).toList(),
                                config + ": " + row);
                        assertEquals(List.of(), features.problems(row), config + ": " + row);
                        checked++;
                    }
                    assertEquals(out.resolveSibling(DatasetCard.FILE), summary.card(), config);
                }
            }
        }
        assertTrue(checked >= 20, "rows checked: " + checked);

        String card = Files.readString(dir.resolve("mixed").resolve(DatasetCard.FILE));
        JsonNode header = YAML.readTree(card.substring(4, card.indexOf("\n---\n", 4)));
        JsonNode sft = null;
        for (JsonNode entry : header.get("dataset_info")) {
            if (entry.get("config_name").textValue().equals("sft-trl-all")) {
                sft = entry.get("features");
            }
        }
        assertEquals(json("{\"name\": \"tools\", \"list\": \"json\"}"), field(sft, "tools"),
                "datasets' List(Json()): every tool has its own parameters");
        JsonNode message = field(sft, "messages").get("list");
        JsonNode function = field(field(message, "tool_calls").get("list"), "function").get("struct");
        assertEquals(json("{\"name\": \"arguments\", \"dtype\": \"json\"}"), field(function, "arguments"));
        assertEquals("string", field(message, "tool_call_id").get("dtype").textValue());
    }

    private static JsonNode field(JsonNode fields, String name) {
        for (JsonNode field : fields) {
            if (field.get("name").textValue().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + fields);
    }

    @Test
    void trlArgumentsMustBeAJsonObjectWhileOpenAisKeepTheLoggedText() throws Exception {
        for (String arguments : List.of("{\"city\": \"Oslo\"", "", "[\"Oslo\"]", "\"Oslo\"", "null", "{} {}")) {
            List<ChatMessage> messages = List.of(ChatMessage.assistant("",
                    List.of(new ToolCall("c9", "get_weather", arguments))));
            EpisodeMessages.MalformedArguments e = assertThrows(EpisodeMessages.MalformedArguments.class,
                    () -> EpisodeMessages.messages(Flavor.TRL, messages), arguments);
            assertTrue(e.getMessage().startsWith("tool call c9 (get_weather): arguments are not a JSON object"),
                    e.getMessage());
            assertEquals(arguments, EpisodeMessages.messages(Flavor.OPENAI, messages).getFirst().get("tool_calls")
                    .toString().contains("arguments=" + arguments + "}") ? arguments : null, arguments);
        }
        // a message without tool fields is what single answers have always written
        assertEquals(Rows.messages(TestRecords.PROMPT), EpisodeMessages.messages(Flavor.TRL, TestRecords.PROMPT));
        assertEquals(-1, io.trace2train.exporters.training.dpo.EpisodePairsAccess.branchPoint(A.messages(),
                episode(A.messages(), List.of(ChatMessage.user("thanks"))).messages()),
                "one episode the other's beginning: nothing to prefer");
    }
}
