package io.trace2train.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.engine.ImportResult;
import io.trace2train.engine.export.ExportRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's closing table and where everything went, read back from the files its steps wrote. */
final class DemoReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoReport() {
    }

    /** What the agent part did: the import, and its SFT and DPO exports. */
    record AgentPart(ImportResult imported, ExportRun.Summary sft, ExportRun.Summary dpo) {

        AgentPart {
            requireNonNull(imported, "imported");
            requireNonNull(sft, "sft");
            requireNonNull(dpo, "dpo");
        }
    }

    static void print(PrintWriter printer, int forks, Path folder, Path repair, Path rollouts, Path exports,
            AgentPart agent, Path log, double seconds) throws IOException {
        List<JsonNode> repaired = lines(repair.resolve("records.jsonl"));
        long before = repaired.stream().filter(r -> r.get("initial_violations").isEmpty()
                && r.get("error") == null).count();
        long after = repaired.stream().filter(r -> r.get("passed").booleanValue()).count();
        long modelRepairs = repaired.stream().mapToLong(r -> attemptsBy(r, false, "regenerate", "full")).sum();
        long modelRepairsKept = repaired.stream().mapToLong(r -> attemptsBy(r, true, "regenerate", "full")).sum();
        long patches = repaired.stream().mapToLong(r -> attemptsBy(r, true, "patch:")).sum();
        List<JsonNode> forked = lines(rollouts.resolve("records.jsonl"));
        long forksBefore = forked.stream().filter(r -> r.get("initial_violations").isEmpty()
                && r.get("error") == null).count();
        long forksAfter = forked.stream().filter(r -> r.get("passed").booleanValue()).count();
        List<JsonNode> ranking = lines(rollouts.resolve("ranking.jsonl"));
        long passAtN = ranking.stream().filter(r -> r.at("/forks/0/passed").booleanValue()).count();
        List<JsonNode> dpo = lines(exports.resolve("dpo.jsonl"));
        long fromRepairs = dpo.stream().filter(r -> "repair".equals(r.at("/metadata/source").textValue())).count();

        printer.printf(Locale.ROOT, "trace2train demo: the whole loop, offline, in %.0f s%n%n", seconds);
        String row = "  %-36s %8s %16s %18s%n";
        printer.printf(Locale.ROOT, row, "", "runs", "pass first try", "pass after repair");
        printer.printf(Locale.ROOT, row, "GPT-4 traces (full_pcl)", repaired.size(),
                share(before, repaired.size()), share(after, repaired.size()));
        printer.printf(Locale.ROOT, row, "stories260K forks (full_pcl, T=1.0)", ranking.size() + "x" + forks,
                share(forksBefore, forked.size()), share(forksAfter, forked.size()));
        printer.printf(Locale.ROOT, row, "  tasks with a passing fork", ranking.size(), "",
                share(passAtN, ranking.size()) + " pass@" + forks);
        printer.printf(Locale.ROOT, "%n  repairs of the traces: %d patches; %d regenerations by stories260K (%d kept,"
                + " %d rolled back)%n", patches, modelRepairs, modelRepairsKept, modelRepairs - modelRepairsKept);
        printer.printf(Locale.ROOT, "  exported: %d SFT rows, %d DPO pairs (%d from repair traces, %d from forks),"
                        + " %d KTO rows%n%n", lines(exports.resolve("sft.jsonl")).size(), dpo.size(),
                fromRepairs, dpo.size() - fromRepairs, lines(exports.resolve("kto.jsonl")).size());
        ImportResult imported = agent.imported();
        printer.printf(Locale.ROOT, "  agent episodes (tau-bench airline, GPT-4o, replayed in tau-airline): %d imported,"
                + " %d with state reward 1, %d pass every hard constraint;%n    %d tasks ranked, %d with a passing"
                + " episode; %d of %d logged tool results reproduced%n", imported.imported(),
                imported.rewards().getOrDefault(1.0, 0), imported.passed(), imported.ranking().totals().tasks(),
                imported.ranking().totals().tasksWithPassingFork(),
                imported.resultsCompared() - imported.resultsDiffering(), imported.resultsCompared());
        // why a task's episodes made no pair, in the exporter's words
        String unpaired = agent.dpo().report().stream().filter(l -> l.contains("no pair")).findFirst()
                .map(l -> " (" + l + ")").orElse("");
        printer.printf(Locale.ROOT, "  exported: %d SFT rows with tools, %d DPO pairs%s%n%n", agent.sft().rows(),
                agent.dpo().rows(), unpaired);
        printer.println("  sampled tasks      " + folder.resolve("tasks.jsonl"));
        printer.println("  repaired traces    " + repair.resolve("records.jsonl"));
        printer.println("  rollouts           " + rollouts.resolve("records.jsonl") + ", ranking.jsonl");
        printer.println("  SFT (TRL)          " + exports.resolve("sft.jsonl"));
        printer.println("  DPO (TRL, OpenAI)  " + exports.resolve("dpo.jsonl") + ", dpo-openai.jsonl (+ .meta.jsonl)");
        printer.println("  KTO (TRL)          " + exports.resolve("kto.jsonl"));
        printer.println("  agent episodes     " + imported.records() + ", ranking.jsonl");
        printer.println("  agent SFT, DPO     " + exports.resolve("agent-sft.jsonl") + ", agent-dpo.jsonl (TRL, with"
                + " tools)");
        printer.println("  every step's log   " + log);
    }

    /** Attempts whose strategy starts with one of {@code prefixes}; with {@code keptOnly}, those not rolled back. */
    private static long attemptsBy(JsonNode record, boolean keptOnly, String... prefixes) {
        long count = 0;
        for (JsonNode attempt : record.get("attempts")) {
            String strategy = attempt.get("strategy").textValue();
            if (java.util.Arrays.stream(prefixes).anyMatch(strategy::startsWith)
                    && !(keptOnly && attempt.path("rolled_back").asBoolean(false))) {
                count++;
            }
        }
        return count;
    }

    private static String share(long count, long total) {
        return String.format(Locale.ROOT, "%d (%.0f%%)", count, total == 0 ? 0.0 : 100.0 * count / total);
    }

    /** A JSON Lines file a step wrote. */
    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }
}
