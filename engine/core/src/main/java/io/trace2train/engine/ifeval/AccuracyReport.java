package io.trace2train.engine.ifeval;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * IFEval's accuracy figures over a set of results: prompt-level (all instructions followed), instruction-level,
 * and per category (the id before ':') and per instruction id, both sorted by name as in the reference.
 */
public record AccuracyReport(
        Accuracy promptLevel,
        Accuracy instructionLevel,
        SortedMap<String, Accuracy> byCategory,
        SortedMap<String, Accuracy> byInstruction) {

    public AccuracyReport {
        byCategory = Collections.unmodifiableSortedMap(new TreeMap<>(byCategory));
        byInstruction = Collections.unmodifiableSortedMap(new TreeMap<>(byInstruction));
    }

    public static AccuracyReport of(List<PromptResult> results) {
        Accuracy prompts = new Accuracy(0, 0);
        Accuracy instructions = new Accuracy(0, 0);
        SortedMap<String, Accuracy> byCategory = new TreeMap<>();
        SortedMap<String, Accuracy> byInstruction = new TreeMap<>();
        for (PromptResult result : results) {
            prompts = prompts.plus(result.followsAll());
            List<String> ids = result.prompt().instructionIds();
            for (int i = 0; i < ids.size(); i++) {
                boolean followed = result.followed().get(i);
                String id = ids.get(i);
                instructions = instructions.plus(followed);
                byCategory.merge(id.substring(0, Math.max(0, id.indexOf(':'))), new Accuracy(0, 0).plus(followed),
                        AccuracyReport::sum);
                byInstruction.merge(id, new Accuracy(0, 0).plus(followed), AccuracyReport::sum);
            }
        }
        return new AccuracyReport(prompts, instructions, byCategory, byInstruction);
    }

    private static Accuracy sum(Accuracy a, Accuracy b) {
        return new Accuracy(a.passed() + b.passed(), a.total() + b.total());
    }
}
