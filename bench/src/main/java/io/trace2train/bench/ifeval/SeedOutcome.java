package io.trace2train.bench.ifeval;

import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.RecordFiles;
import io.trace2train.engine.Verification;
import io.trace2train.engine.ifeval.IfevalPrompt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * How one mode did on one seed: every sampled prompt's final output judged strictly and loosely, and what the run
 * cost. A prompt's output is its record's final output; for {@code rollouts:N}, that of its best fork (ranked as
 * {@code rollouts} ranks them: passing forks first), so its strict pass is "any fork passes". A record that failed
 * with an error, and a prompt without a record (its unit crashed), follow no instruction in either reading.
 *
 * @param strict per prompt, in sample order: the final output follows every instruction, strictly
 * @param loose the same, loosely
 * @param instructions instructions over the prompts
 * @param instructionsStrict instructions followed, strictly
 * @param instructionsLoose instructions followed, loosely
 * @param byInstruction per instruction id: {followed strictly, followed loosely, occurrences}
 * @param modelCalls attempts whose output came from a backend call (a non-null seed), every fork's
 * @param promptTokens prompt tokens over every record
 * @param completionTokens completion tokens over every record
 * @param errors prompts whose record failed with an error
 * @param missing prompts without a record
 * @param disagreements prompts where the strict judgement and the record's own {@code passed} differ (a bug if any)
 * @param models the models the records name
 * @param engineVersions the engine versions the records name
 * @param verifierVersions each verifier's versions in the records
 */
record SeedOutcome(boolean[] strict, boolean[] loose, int instructions, int instructionsStrict, int instructionsLoose,
        Map<String, int[]> byInstruction, long modelCalls, long promptTokens, long completionTokens, int errors,
        int missing, int disagreements, Set<ModelInfo> models, Set<String> engineVersions,
        Map<String, Set<String>> verifierVersions) {

    /** One prompt's judgement. */
    private record Cell(List<String> ids, boolean[] strict, boolean[] loose, TaskRecords records, boolean error,
            boolean disagrees) {
    }

    /**
     * @param verify judges each final output, as {@code verify} does
     * @param prompts the sampled prompts, in sample order
     * @param records the run's records file
     * @param perPrompt records a prompt has when complete (its forks, or 1)
     */
    static SeedOutcome judge(Verification verify, List<IfevalPrompt> prompts, Path records, int perPrompt)
            throws IOException {
        Map<String, TaskRecords> groups = new HashMap<>();
        RecordFiles.groups(records, perPrompt, group -> groups.put(group.taskId(), group));
        List<Cell> cells = IntStream.range(0, prompts.size()).parallel()
                .mapToObj(i -> cell(verify, prompts.get(i), groups.get(prompts.get(i).key()))).toList();

        Tally tally = new Tally(cells.size());
        for (int p = 0; p < cells.size(); p++) {
            tally.add(p, cells.get(p));
        }
        return tally.outcome();
    }

    /** Adds up the cells of a seed, in sample order. */
    private static final class Tally {

        private final boolean[] strict;
        private final boolean[] loose;
        private final Map<String, int[]> byInstruction = new TreeMap<>();
        private final int[] instructions = new int[3];
        private final long[] cost = new long[3];
        private final int[] problems = new int[3];
        private final Set<ModelInfo> models = new LinkedHashSet<>();
        private final Set<String> engines = new LinkedHashSet<>();
        private final Map<String, Set<String>> verifiers = new TreeMap<>();

        Tally(int prompts) {
            strict = new boolean[prompts];
            loose = new boolean[prompts];
        }

        void add(int prompt, Cell cell) {
            strict[prompt] = allTrue(cell.strict());
            loose[prompt] = allTrue(cell.loose());
            for (int i = 0; i < cell.ids().size(); i++) {
                int[] counts = byInstruction.computeIfAbsent(cell.ids().get(i), id -> new int[3]);
                int followedStrict = cell.strict()[i] ? 1 : 0;
                int followedLoose = cell.loose()[i] ? 1 : 0;
                counts[0] += followedStrict;
                counts[1] += followedLoose;
                counts[2]++;
                instructions[0] += followedStrict;
                instructions[1] += followedLoose;
                instructions[2]++;
            }
            problems[0] += cell.error() ? 1 : 0;
            problems[1] += cell.records() == null ? 1 : 0;
            problems[2] += cell.disagrees() ? 1 : 0;
            if (cell.records() != null) {
                cell.records().ranked().forEach(this::cost);
            }
        }

        private void cost(ComplianceRecord record) {
            cost[0] += modelCalls(record);
            cost[1] += record.tokens().prompt();
            cost[2] += record.tokens().completion();
            models.add(record.model());
            engines.add(record.versions().engine());
            record.versions().verifiers().forEach((id, version) ->
                    verifiers.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(version));
        }

        SeedOutcome outcome() {
            return new SeedOutcome(strict, loose, instructions[2], instructions[0], instructions[1],
                    Collections.unmodifiableMap(byInstruction), cost[0], cost[1], cost[2], problems[0], problems[1],
                    problems[2], models, engines, verifiers);
        }
    }

    /**
     * A record's model calls: its attempts with a seed, i.e. whose output a backend's {@code generate} returned (the
     * first generation, each retry, each regenerate or full repair), rolled-back ones included. Deterministic
     * patches have no seed and call no model. Not counted, because they leave no attempt: a repair call whose answer
     * changed nothing, and a call that failed for good.
     */
    static long modelCalls(ComplianceRecord record) {
        return record.attempts().stream().map(AttemptRecord::seed).filter(java.util.Objects::nonNull).count();
    }

    private static Cell cell(Verification verify, IfevalPrompt prompt, TaskRecords records) {
        int size = prompt.instructionIds().size();
        if (records == null) {
            return new Cell(prompt.instructionIds(), new boolean[size], new boolean[size], null, false, false);
        }
        ComplianceRecord best = records.ranked().getFirst();
        if (best.error() != null) {
            return new Cell(prompt.instructionIds(), new boolean[size], new boolean[size], records, true, best.passed());
        }
        var judged = verify.judge(prompt, best.finalOutput());
        boolean[] strict = toArray(judged.strict().followed());
        boolean[] loose = toArray(judged.loose().followed());
        return new Cell(prompt.instructionIds(), strict, loose, records, false,
                judged.strict().followsAll() != best.passed());
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] array = new boolean[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean value : values) {
            if (!value) {
                return false;
            }
        }
        return true;
    }

    int promptsPassedStrict() {
        return count(strict);
    }

    int promptsPassedLoose() {
        return count(loose);
    }

    private static int count(boolean[] values) {
        int n = 0;
        for (boolean value : values) {
            n += value ? 1 : 0;
        }
        return n;
    }
}
