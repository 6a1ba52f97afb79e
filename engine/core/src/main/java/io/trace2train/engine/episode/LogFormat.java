package io.trace2train.engine.episode;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The agent-log formats {@link EpisodeLogReader} reads. */
public enum LogFormat {
    /** OpenAI chat-format JSONL: one episode a line, {@code messages} + {@code tools}. */
    OPENAI("openai"),
    /**
     * τ-bench results: the JSON array of {@code {task_id, trial, reward, info: {task}, traj}} that its {@code run.py}
     * writes, or one {@code {task_id, trial, messages, task}} a line.
     */
    TAU_BENCH("tau-bench");

    /** The environment τ-bench's airline episodes act in. */
    public static final String TAU_BENCH_ENVIRONMENT = "tau-airline";

    private final String json;

    LogFormat(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** @throws IllegalArgumentException naming the formats there are */
    public static LogFormat parse(String name) {
        for (LogFormat format : values()) {
            if (format.json.equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown log format '" + name + "': expected "
                + Arrays.stream(values()).map(LogFormat::json).collect(Collectors.joining(" or ")));
    }
}
