package io.trace2train.engine.ifeval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.task.LoadedTask;
import java.math.BigInteger;
import java.util.List;

/** Loaded prompt rows written again as IFEval prompt rows: a file the prompt reader loads to the same tasks. */
public final class PromptRows {

    private PromptRows() {
    }

    /** One row a line ({@code key, prompt, instruction_id_list, kwargs}); IFBench's keys as strings, IFEval's as integers. */
    public static String write(List<LoadedTask> tasks) {
        StringBuilder rows = new StringBuilder();
        for (LoadedTask loaded : tasks) {
            ObjectNode row = RecordJson.mapper().createObjectNode();
            row.set("key", loaded.textKey() ? TextNode.valueOf(loaded.task().id())
                    : BigIntegerNode.valueOf(new BigInteger(loaded.task().id())));
            row.put("prompt", loaded.task().prompt());
            ArrayNode ids = row.putArray("instruction_id_list");
            ArrayNode kwargs = row.putArray("kwargs");
            for (ConstraintSpec constraint : loaded.task().constraints()) {
                ids.add(constraint.verifier());
                kwargs.add(RecordJson.mapper().valueToTree(constraint.arguments()));
            }
            rows.append(row).append('\n');
        }
        return rows.toString();
    }
}
