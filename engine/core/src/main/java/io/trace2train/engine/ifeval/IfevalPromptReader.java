package io.trace2train.engine.ifeval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.verify.InvalidArgumentsException;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.verify.UnknownVerifierException;
import io.trace2train.engine.verify.VerifierRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads IFEval prompt rows ({@code key, prompt, instruction_id_list, kwargs}) and builds their verifiers. Accepts the
 * Hugging Face copy too, where every kwargs object lists every key, most of them null.
 */
public final class IfevalPromptReader {

    private final VerifierRegistry verifiers;

    public IfevalPromptReader(VerifierRegistry verifiers) {
        this.verifiers = verifiers;
    }

    /** @throws BadInputException listing every bad line, field, unknown id and wrong argument in the file */
    public List<IfevalPrompt> read(Path file) {
        List<InputProblem> problems = new ArrayList<>();
        record Row(ObjectNode json, int line) {
        }
        List<Row> rows = new ArrayList<>();
        JsonLines.read(file, (row, line) -> rows.add(new Row(row, line)), problems);
        // building verifiers compiles patterns: spread the rows over the cores, keeping their order
        List<Parsed> parsed = rows.parallelStream().map(row -> parse(file, row.line(), row.json())).toList();
        List<IfevalPrompt> prompts = new ArrayList<>(parsed.size());
        for (Parsed row : parsed) {
            problems.addAll(row.problems());
            row.prompt().ifPresent(prompts::add);
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(InputProblem::line));
            throw new BadInputException(problems);
        }
        return prompts;
    }

    /** One row's prompt, or the problems that kept it from being built. */
    private record Parsed(Optional<IfevalPrompt> prompt, List<InputProblem> problems) {
    }

    private Parsed parse(Path file, int line, ObjectNode row) {
        List<InputProblem> problems = new ArrayList<>();
        JsonNode key = row.get("key");
        if (key == null || !key.canConvertToLong() || !key.isIntegralNumber()) {
            problems.add(new InputProblem(file, line, "key", "expected an integer"));
        }
        JsonNode prompt = row.get("prompt");
        if (prompt == null || !prompt.isTextual()) {
            problems.add(new InputProblem(file, line, "prompt", "expected a string"));
        }
        JsonNode ids = row.get("instruction_id_list");
        JsonNode kwargs = row.get("kwargs");
        if (ids == null || !ids.isArray()) {
            problems.add(new InputProblem(file, line, "instruction_id_list", "expected a list of instruction ids"));
            return new Parsed(Optional.empty(), problems);
        }
        if (kwargs == null || !kwargs.isArray() || kwargs.size() != ids.size()) {
            problems.add(new InputProblem(file, line, "kwargs",
                    "expected a list of " + ids.size() + " argument objects, one per instruction id"));
            return new Parsed(Optional.empty(), problems);
        }
        List<String> idList = new ArrayList<>();
        List<Verifier> built = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            JsonNode arguments = kwargs.get(i);
            if (!id.isTextual()) {
                problems.add(new InputProblem(file, line, "instruction_id_list[" + i + "]", "expected a string"));
                continue;
            }
            if (!arguments.isObject() && !arguments.isNull()) {
                problems.add(new InputProblem(file, line, "kwargs[" + i + "]", "expected an object"));
                continue;
            }
            try {
                Map<String, Object> raw = arguments.isNull() ? Map.of() : toMap(arguments);
                built.add(verifiers.create(id.textValue(), raw));
                idList.add(id.textValue());
            } catch (UnknownVerifierException e) {
                problems.add(new InputProblem(file, line, "instruction_id_list[" + i + "]", e.getMessage()));
            } catch (InvalidArgumentsException e) {
                for (InvalidArgumentsException.Problem problem : e.problems()) {
                    problems.add(new InputProblem(file, line, "kwargs[" + i + "]." + problem.field(),
                            problem.instructionId() + ": " + problem.message()));
                }
            }
        }
        return problems.isEmpty()
                ? new Parsed(Optional.of(new IfevalPrompt(key.longValue(), prompt.textValue(), idList, built)), problems)
                : new Parsed(Optional.empty(), problems);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode arguments) {
        return JsonLines.mapper().convertValue(arguments, Map.class);
    }
}
