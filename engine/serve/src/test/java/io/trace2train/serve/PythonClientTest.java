package io.trace2train.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.ExampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The repository's Python reward functions (clients/python) against the running service, with Debian's python3. */
class PythonClientTest {

    private static final Path CLIENT = ExampleData.root().getParent().resolve("clients/python");

    static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void trlAndVerlFunctionsScoreThroughTheService() throws Exception {
        assumeTrue(python3(), "python3 is not installed: the Python reward functions cannot be run here");
        try (RewardServer server = RewardServer.start(Engine.start(EngineConfig.defaults()),
                ServeOptions.loopback(0))) {
            String script = String.join("\n",
                    "import json, trace2train_reward as t",
                    // english_lowercase asks langdetect too: sentences long enough to be English for it
                    "FINE = 'this whole answer is written in plain lowercase english and has no comma at all'",
                    "COMMA = 'this whole answer is written in plain lowercase english, but it has a comma'",
                    "ifeval = json.dumps({'key': 7, 'prompt': 'p', 'instruction_id_list': ['punctuation:no_comma',"
                            + " 'change_case:english_lowercase'], 'kwargs': [{}, {}]})",
                    "task = json.dumps({'id': 't', 'prompt': 'p', 'constraints': [{'verifier': 'punctuation:no_comma'}]})",
                    "print(t.trl_reward(prompts=['p', 'p', 'p'], completions=[FINE, COMMA,"
                            + " [{'role': 'assistant', 'content': 'no, comma'}]], constraints=[ifeval, ifeval, task]))",
                    "print(t.compute_score('ifeval', FINE, ifeval, {}))",
                    "print(t.compute_score('ifeval', 'x', json.dumps({'id': 'u', 'prompt': 'p', 'constraints':"
                            + " [{'verifier': 'nope:none'}]})))");
            ProcessBuilder builder = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true);
            builder.environment().put("PYTHONPATH", CLIENT.toString());
            builder.environment().put("TRACE2TRAIN_URL", "http://127.0.0.1:" + server.port());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, process.exitValue(), out);
            assertEquals(List.of("[1.0, 0.5, 0.0]", "1.0", "0.0"), out.lines().toList());
        }
        assertEquals(true, Files.exists(CLIENT.resolve("trace2train_reward.py")));
    }
}
