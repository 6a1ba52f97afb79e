package io.trace2train.cli;

import io.trace2train.engine.ifeval.Accuracy;
import io.trace2train.engine.ifeval.AccuracyReport;
import io.trace2train.engine.verify.Strictness;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/** Prints IFEval accuracy as one table: strict and loose side by side, then per category and per instruction id. */
final class ReportPrinter {

    private static final String ROW = "%-52s %16s %16s%n";

    private final PrintWriter out;

    ReportPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(Map<Strictness, AccuracyReport> reports) {
        AccuracyReport strict = reports.get(Strictness.STRICT);
        AccuracyReport loose = reports.get(Strictness.LOOSE);
        out.printf(ROW, "IFEval accuracy", "strict", "loose");
        row("prompt-level", strict.promptLevel(), loose.promptLevel());
        row("instruction-level", strict.instructionLevel(), loose.instructionLevel());
        section("by category", strict, loose, AccuracyReport::byCategory);
        section("by instruction id", strict, loose, AccuracyReport::byInstruction);
        out.flush();
    }

    private void section(String title, AccuracyReport strict, AccuracyReport loose,
            Function<AccuracyReport, SortedMap<String, Accuracy>> part) {
        out.println();
        out.println(title);
        part.apply(strict).forEach((name, accuracy) -> row("  " + name, accuracy, part.apply(loose).get(name)));
    }

    private void row(String name, Accuracy strict, Accuracy loose) {
        out.printf(ROW, name, cell(strict), cell(loose));
    }

    private static String cell(Accuracy accuracy) {
        return String.format(Locale.ROOT, "%d/%d %.4f", accuracy.passed(), accuracy.total(), accuracy.rate());
    }
}
