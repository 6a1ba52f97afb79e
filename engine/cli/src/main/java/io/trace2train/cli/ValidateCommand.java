package io.trace2train.cli;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.engine.RecordFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks records files against the record schema and reports each invalid line. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check records files (JSONL) against the " + ComplianceRecord.SCHEMA_VERSION + " JSON Schema;"
                + " exit 0 when every line is valid, 1 when some are not.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Records files, e.g. RUNDIR/records.jsonl.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new java.nio.file.NoSuchFileException(file + ": no such file");
            }
        }
        int records = 0;
        int invalid = 0;
        for (Path file : files) {
            var report = RecordFiles.validate(file);
            report.problems().forEach(out::println);
            records += report.records();
            invalid += report.invalidLines();
        }
        out.printf("%d records, %d invalid%n", records, invalid);
        return invalid == 0 ? Main.OK : Main.WORK_FAILED;
    }
}
