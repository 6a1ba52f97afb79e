package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.testing.OpenAiLoopbackServer;
import io.trace2train.testing.OpenAiLoopbackServer.Answer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run does when the endpoint fails: what fails every call stops it before it starts (exit 2, the fix, no
 * folder); what fails every unit during the run ends it with exit 1 and the errors counted apart from failed answers;
 * no key or credential reaches the output, the manifest or a record.
 */
class EndpointFailureIT {

    /** The value the test plugins give T2T_TEST_API_KEY (engine/cli/pom.xml). */
    private static final String KEY = "loopback-key-7f3a";

    @TempDir
    Path dir;

    private Path tasks(int n) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            lines.append("{\"id\": \"t").append(i).append("\", \"prompt\": \"List two cats.\", \"constraints\":"
                    + " [{\"verifier\": \"punctuation:no_comma\"}]}\n");
        }
        return Files.writeString(dir.resolve("tasks.jsonl"), lines);
    }

    private CommandLineRun run(String baseUrl, Path out, String... more) throws Exception {
        Stream<Object> args = Stream.of("run", "--tasks", tasks(2), "--concurrency", "1", "--backend", "langchain4j",
                "--option", "base-url=" + baseUrl, "--option", "model=qwen-test", "--out", out);
        return CommandLineRun.of(Stream.concat(args, Stream.of((Object[]) more)).toArray());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aClosedPortIsAConnectionRefusedBeforeTheRunStarts() throws Exception {
        CommandLineRun run = run("http://127.0.0.1:" + closedPort() + "/v1", dir.resolve("run"));
        assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("connection refused") && run.err().contains("base-url"), run::toString);
        assertFalse(run.err().contains("not an OpenAI chat completion"), run::toString);
        assertFalse(Files.exists(dir.resolve("run")), "nothing left behind");
    }

    @Test
    void anEndpointThatRefusesTheKeyStopsBeforeTheRunStarts() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer().requireKey("another-key")) {
            CommandLineRun run = run(server.baseUrl(), dir.resolve("run"), "--option", "api-key-env=T2T_TEST_API_KEY");
            assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
            assertTrue(run.err().contains("HTTP 401") && run.err().contains("api-key-env"), run::toString);
            assertFalse(run.toString().contains(KEY), run::toString);
            assertFalse(Files.exists(dir.resolve("run")));
            assertEquals(0, server.bodies().size(), "no chat completion was requested");
        }
    }

    @Test
    void serverErrorsOnEveryUnitAreErrorsAndExitOne() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer()) { // every completion answers 500
            CommandLineRun run = run(server.baseUrl(), dir.resolve("run"));
            assertEquals(Main.WORK_FAILED, run.exitCode(), run::toString);
            assertTrue(run.out().contains("0 passed (0.0%), 0 failed, 2 errors, 0 crashed"), run::toString);
            assertTrue(run.err().contains("2 of 2 units ended in a backend error") && run.err().contains("HTTP 500"),
                    run::toString);
            assertEquals(2, Files.readAllLines(dir.resolve("run/records.jsonl")).size(), "every record is written");
        }
    }

    @Test
    void malformedJsonIsNotAChatCompletionAndExitsOne() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(new Answer(200, "{\"choices\": [", 0),
                new Answer(200, "{\"choices\": [", 0))) {
            CommandLineRun run = run(server.baseUrl(), dir.resolve("run"));
            assertEquals(Main.WORK_FAILED, run.exitCode(), run::toString);
            assertTrue(run.err().contains("not an OpenAI chat completion"), run::toString);
            assertTrue(run.out().contains("2 errors"), run::toString);
        }
    }

    @Test
    void someErrorsAmongAnswersAreCountedApartAndTheRunSucceeds() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(Answer.completion("Tom, Felix", 5, 3),
                new Answer(400, "{\"error\": {\"message\": \"bad\", \"code\": \"bad_request\"}}", 0))) {
            CommandLineRun run = run(server.baseUrl(), dir.resolve("run"));
            assertEquals(Main.OK, run.exitCode(), run::toString);
            assertTrue(run.out().contains("0 passed (0.0%), 1 failed, 1 errors"), run::toString);
            assertTrue(run.err().contains("1 of 2 units ended in a backend error") && run.err().contains("HTTP 400"
                    + " (bad_request)"), run::toString);
        }
    }

    @Test
    void aKeyEchoedByTheServerNeverReachesARecord() throws Exception {
        Answer echo = new Answer(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY
                + "\", \"code\": \"invalid_api_key\"}}", 0);
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(echo, echo)) {
            CommandLineRun run = run(server.baseUrl(), dir.resolve("run"), "--option", "api-key-env=T2T_TEST_API_KEY");
            assertEquals(Main.WORK_FAILED, run.exitCode(), run::toString);
            assertTrue(run.err().contains("HTTP 401 (invalid_api_key)"), run::toString);
            String records = Files.readString(dir.resolve("run/records.jsonl"));
            assertTrue(records.contains("invalid_api_key"), records);
            assertFalse(records.contains(KEY) || run.toString().contains(KEY), records);
            assertFalse(records.contains("Incorrect API key provided"), "the body is not copied");
        }
    }

    @Test
    void credentialsInTheBaseUrlAreMaskedEverywhere() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(Answer.completion("Tom and Felix", 5, 3),
                Answer.completion("Tom and Felix", 5, 3))) {
            String url = server.baseUrl().replace("http://", "http://alice:pa55w0rd-x@") + "?api_key=qs-secret-77";
            CommandLineRun run = run(url, dir.resolve("run"));
            String written = run + Files.readString(dir.resolve("run/manifest.json"))
                    + Files.readString(dir.resolve("run/records.jsonl"));
            assertFalse(written.contains("pa55w0rd-x") || written.contains("qs-secret-77"), written);
            assertTrue(Files.readString(dir.resolve("run/manifest.json")).contains("http://***@127.0.0.1"), written);
        }
    }

    @Test
    void aBenchWhosePromptsAllErrorFailsAndItsFilesHoldNoCredentials() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer()) { // every completion answers 500
            Path out = dir.resolve("bench");
            CommandLineRun bench = CommandLineRun.of("bench", "ifeval", "--backend", "langchain4j", "--option",
                    "base-url=" + server.baseUrl().replace("http://", "http://alice:pa55w0rd-x@"), "--option",
                    "model=qwen-test", "--modes", "direct", "--seeds", "1", "--limit", "2", "--out", out);
            assertEquals(Main.WORK_FAILED, bench.exitCode(), bench::toString);
            assertTrue(bench.err().contains("every prompt ended in an error"), bench::toString);
            StringBuilder written = new StringBuilder(bench.toString());
            try (Stream<Path> files = Files.walk(out)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    written.append(Files.readString(file));
                }
            }
            assertTrue(written.indexOf("http://***@127.0.0.1") >= 0, "the URL is there, masked");
            assertFalse(written.toString().contains("pa55w0rd-x"), written::toString);
        }
    }

    @Test
    void aKeyGivenAsTheVariablesNameIsRefusedWithoutRepeatingIt() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer()) {
            CommandLineRun run = run(server.baseUrl(), dir.resolve("run"), "--option",
                    "api-key-env=sk-live-4f9Qz81abcDEF");
            assertEquals(Main.BAD_INPUT, run.exitCode(), run::toString);
            assertTrue(run.err().contains("api-key-env") && run.err().contains("NAME of an environment variable"),
                    run::toString);
            assertFalse(run.toString().contains("4f9Qz81abcDEF"), run::toString);
        }
    }

    @Test
    void aRunWithAnApiKeyVariableResumes() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(Answer.completion("Tom and Felix", 5, 3),
                Answer.completion("Tom and Felix", 5, 3)).requireKey(KEY)) {
            Path tasks = Files.writeString(dir.resolve("one.jsonl"), "{\"id\": \"a\", \"prompt\": \"List two cats.\","
                    + " \"constraints\": [{\"verifier\": \"punctuation:no_comma\"}]}\n");
            CommandLineRun first = CommandLineRun.of("run", "--tasks", tasks, "--backend", "langchain4j", "--option",
                    "base-url=" + server.baseUrl(), "--option", "model=qwen-test", "--option",
                    "api-key-env=T2T_TEST_API_KEY", "--out", dir.resolve("run"));
            assertEquals(Main.OK, first.exitCode(), first::toString);
            assertTrue(Files.readString(dir.resolve("run/manifest.json")).contains("\"api-key-env\" : "
                    + "\"T2T_TEST_API_KEY\""), "the variable's name is kept: it is not the secret");
            Files.writeString(dir.resolve("run/records.jsonl"), ""); // as if killed before the record
            CommandLineRun resumed = CommandLineRun.of("run", "--resume", dir.resolve("run"));
            assertEquals(Main.OK, resumed.exitCode(), resumed::toString);
            assertTrue(resumed.out().contains("1 ran now"), resumed::toString);
        }
    }
}
