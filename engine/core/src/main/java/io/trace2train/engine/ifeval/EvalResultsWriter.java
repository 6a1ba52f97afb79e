package io.trace2train.engine.ifeval;

import io.trace2train.api.io.AtomicFiles;
import io.trace2train.engine.io.PythonJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code eval_results_<strict|loose>.jsonl} exactly as the reference does: one row per prompt, keys in the
 * reference's order, Python's JSON formatting. A row with an instruction that was not checkable within its work
 * budget (a runaway regex argument) adds {@code not_checkable_instruction_list}; other rows are the reference's.
 */
public final class EvalResultsWriter {

    private EvalResultsWriter() {
    }

    public static void write(Path file, List<PromptResult> results) throws IOException {
        AtomicFiles.write(file, writer -> {
            StringBuilder row = new StringBuilder(4096);
            for (PromptResult result : results) {
                row.setLength(0);
                writer.append(row(row, result)).append("\n");
            }
        });
    }

    /** One result's row, without the line break. */
    public static String row(PromptResult result) {
        return row(new StringBuilder(4096), result).toString();
    }

    private static StringBuilder row(StringBuilder row, PromptResult result) {
        row.append("{\"follow_all_instructions\": ").append(result.followsAll());
        PythonJson.booleanList(row.append(", \"follow_instruction_list\": "), result.followed());
        PythonJson.stringList(row.append(", \"instruction_id_list\": "), result.prompt().instructionIds());
        PythonJson.string(row.append(", \"prompt\": "), result.prompt().prompt());
        PythonJson.string(row.append(", \"response\": "), result.response());
        if (result.anyNotCheckable()) {
            PythonJson.booleanList(row.append(", \"not_checkable_instruction_list\": "), result.notCheckable());
        }
        return row.append('}');
    }
}
