package io.trace2train.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Role;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.io.OrderedPipeline;
import io.trace2train.engine.verify.UnknownVerifierException;
import io.trace2train.engine.verify.VerifierRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads task specs from JSONL, one per line (or from a {@code .json} file holding an array): either a task
 * ({@code id}, {@code prompt} or {@code messages}, optional
 * {@code system}, {@code constraints}; an agent task adds {@code tools}, optional {@code environment} and
 * {@code user}) or an IFEval prompt row ({@code key, prompt, instruction_id_list, kwargs}),
 * which becomes a task with one hard constraint per instruction. Every problem is reported at once as
 * FILE:LINE: field: message, and every constraint's verifier is built so a wrong id or argument is caught here.
 */
public final class TaskLoader {

    private static final Set<String> TASK_KEYS = Set.of("id", "prompt", "messages", "system", "constraints", "tools",
            "environment", "user");
    private static final Set<String> CONSTRAINT_KEYS = Set.of("verifier", "args", "level", "priority", "weight");

    private final VerifierRegistry verifiers;

    public TaskLoader(VerifierRegistry verifiers) {
        this.verifiers = verifiers;
    }

    /** @throws BadInputException listing every problem in the file */
    public List<TaskSpec> load(Path file) {
        return loadChecked(file).stream().map(LoadedTask::task).toList();
    }

    /**
     * Reads the tasks and builds their verifiers. The rows are parsed in order; the verifiers (whose patterns take
     * most of the time) are built in parallel, keeping the file's order.
     *
     * @throws BadInputException listing every problem in the file, in line order
     */
    public List<LoadedTask> loadChecked(Path file) {
        List<LoadedTask> tasks = new ArrayList<>();
        scan(file, tasks::add);
        return tasks;
    }

    /**
     * Checks every task of a file as {@link #loadChecked} does, keeping none: what stays in memory is a hash and a
     * line per task id (for the duplicate check), so a file of any length can be checked before a run starts.
     *
     * @return how many tasks the file holds
     * @throws BadInputException listing every problem in the file, in line order
     */
    public int check(Path file) {
        return check(file, task -> {
        });
    }

    /**
     * {@link #check(Path)}, handing each good task to {@code each} in file order as it is checked: what a caller needs
     * to know of the tasks before a run is learned in the same pass, not by reading the file again.
     */
    public int check(Path file, java.util.function.Consumer<TaskSpec> each) {
        int[] count = {0};
        scan(file, task -> {
            count[0]++;
            each.accept(task.task());
        });
        return count[0];
    }

    /**
     * The tasks of a file {@link #check}ed before, read again one at a time as they are taken, without building
     * their verifiers (a run builds them per unit). Close it when done.
     */
    public TaskStream stream(Path file) {
        return new TaskStream(file, (row, line, problems) -> parse(file, row, line, problems));
    }

    /** Parses, builds and checks every row in file order, handing each good task on; then reports every problem. */
    private void scan(Path file, java.util.function.Consumer<LoadedTask> each) {
        List<InputProblem> problems = new ArrayList<>();
        IdLines lineOfId = new IdLines();
        java.util.function.Consumer<Built> collect = task -> {
            problems.addAll(task.problems());
            if (task.task() == null) {
                return;
            }
            int first = lineOfId.putIfAbsent(task.task().task().id(), task.task().line());
            if (first != IdLines.ABSENT) {
                problems.add(new InputProblem(file, task.task().line(), task.task().ifevalRow() ? "key" : "id",
                        "duplicate task id '" + task.task().task().id() + "' (first on line " + first + ")"));
            } else {
                each.accept(task.task());
            }
        };
        // verifiers are built on the common pool, a bounded window of rows at a time, delivered in file order
        OrderedPipeline<Row, Built> pipeline = new OrderedPipeline<>(java.util.concurrent.ForkJoinPool.commonPool(),
                IN_FLIGHT, row -> build(file, row.json(), row.line()), collect);
        JsonLines.RowHandler handler = (row, line) -> pipeline.submit(new Row(row, line));
        if (file.getFileName().toString().endsWith(".json")) {
            JsonLines.readArray(file, handler, problems);
        } else {
            JsonLines.read(file, handler, problems);
        }
        pipeline.drain();
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(InputProblem::line));
            throw new BadInputException(problems);
        }
    }

    /** Rows being built at once while a file is scanned. */
    private static final int IN_FLIGHT = 256;

    private record Row(ObjectNode json, int line) {
    }

    /**
     * One row (a task or an IFEval prompt row) as a task, without its verifiers; its problems go to {@code problems}
     * at {@code file}:{@code line}. Rows that do not come from a file (a request's items) are read with this too.
     *
     * @return the task, or null when the row is wrong
     */
    public static TaskSpec parse(Path file, ObjectNode row, int line, List<InputProblem> problems) {
        Problems at = new Problems(file, line, problems);
        return row.has("instruction_id_list") ? ifevalRow(row, at) : taskRow(row, at);
    }

    /** Parses one row and builds its verifiers; runs on any thread. */
    private Built build(Path file, ObjectNode row, int line) {
        List<InputProblem> problems = new ArrayList<>();
        Problems at = new Problems(file, line, problems);
        boolean ifeval = row.has("instruction_id_list");
        TaskSpec task = ifeval ? ifevalRow(row, at) : taskRow(row, at);
        boolean textKey = ifeval && row.path("key").isTextual();
        return task == null ? new Built(null, problems)
                : withVerifiers(file, new LoadedTask(task, line, ifeval, textKey, List.of()));
    }

    /** A task with its verifiers (null when the row is wrong), and the problems found. */
    private record Built(LoadedTask task, List<InputProblem> problems) {
    }

    private Built withVerifiers(Path file, LoadedTask loaded) {
        List<InputProblem> problems = new ArrayList<>();
        Problems at = new Problems(file, loaded.line(), problems);
        List<Verifier> built = new ArrayList<>();
        List<ConstraintSpec> constraints = loaded.task().constraints();
        for (int i = 0; i < constraints.size(); i++) {
            ConstraintSpec c = constraints.get(i);
            // an IFEval row's fields are named as in its own format
            String idField = loaded.ifevalRow() ? "instruction_id_list[" + i + "]" : "constraints[" + i + "].verifier";
            String argsField = loaded.ifevalRow() ? "kwargs[" + i + "]." : "constraints[" + i + "].args.";
            try {
                built.add(verifiers.create(c.verifier(), c.arguments()));
            } catch (UnknownVerifierException e) {
                at.add(idField, e.getMessage());
            } catch (InvalidArgumentsException e) {
                e.problems().forEach(p -> at.add(argsField + p.field(), p.instructionId() + ": " + p.message()));
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                // a plugin's factory that fails on these arguments: this task's problem, not the whole load's
                at.add(idField, "verifier '" + c.verifier() + "' could not be created: " + e);
            }
        }
        return new Built(new LoadedTask(loaded.task(), loaded.line(), loaded.ifevalRow(), loaded.textKey(), built),
                problems);
    }

    /** Problems of one line. */
    private record Problems(Path file, int line, List<InputProblem> all) {
        void add(String field, String message) {
            all.add(new InputProblem(file, line, field, message));
        }
    }

    private static TaskSpec ifevalRow(ObjectNode row, Problems at) {
        JsonNode key = row.get("key");
        JsonNode prompt = row.get("prompt");
        JsonNode ids = row.get("instruction_id_list");
        JsonNode kwargs = row.get("kwargs");
        int before = at.all().size();
        // IFEval writes integer keys, IFBench strings ("0"); a string key is kept as written
        if (key == null || !(key.isIntegralNumber() || key.isTextual() && !key.textValue().isBlank())) {
            at.add("key", "expected an integer or a non-blank string");
        }
        if (prompt == null || !prompt.isTextual()) {
            at.add("prompt", "expected a string");
        }
        if (!ids.isArray()) {
            at.add("instruction_id_list", "expected a list of instruction ids");
        } else if (kwargs == null || !kwargs.isArray() || kwargs.size() != ids.size()) {
            at.add("kwargs", "expected a list of " + ids.size() + " argument objects, one per instruction id");
        }
        if (at.all().size() > before) {
            return null;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isTextual()) {
                at.add("instruction_id_list[" + i + "]", "expected a string");
            }
            if (!kwargs.get(i).isObject() && !kwargs.get(i).isNull()) {
                at.add("kwargs[" + i + "]", "expected an object");
            }
        }
        if (at.all().size() > before) {
            return null;
        }
        List<ConstraintSpec> constraints = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> args = new LinkedHashMap<>();
            kwargs.get(i).properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    args.put(e.getKey(), JsonLines.mapper().convertValue(e.getValue(), Object.class));
                }
            });
            constraints.add(ConstraintSpec.hard(ids.get(i).asText(), args, i));
        }
        // asText: a string as written; an integer in full (longValue would wrap a key past 2^63)
        return TaskSpec.ofPrompt(key.asText(), prompt.textValue(), constraints);
    }

    private static TaskSpec taskRow(ObjectNode row, Problems at) {
        int before = at.all().size();
        row.fieldNames().forEachRemaining(name -> {
            if (!TASK_KEYS.contains(name)) {
                at.add(name, "unknown field; a task has " + TASK_KEYS);
            }
        });
        JsonNode id = row.get("id");
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
            at.add("id", "expected a non-empty string");
        }
        List<ChatMessage> messages = messages(row, at);
        List<ConstraintSpec> constraints = new ArrayList<>();
        JsonNode list = row.get("constraints");
        if (list != null && !list.isArray()) {
            at.add("constraints", "expected a list");
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                ConstraintSpec constraint = constraint(list.get(i), i, at);
                if (constraint != null) {
                    constraints.add(constraint);
                }
            }
        }
        var tools = AgentFields.tools(row.get("tools"), at.file(), at.line(), at.all());
        var environment = AgentFields.environment(row.get("environment"), at.file(), at.line(), at.all());
        var user = AgentFields.user(row.get("user"), at.file(), at.line(), at.all());
        // the agent loop runs the tasks that offer tools: a world or a user side without them would be ignored
        if (tools.isEmpty() && row.hasNonNull("environment") && environment != null) {
            at.add("environment", "a task with an environment lists the tools it offers in 'tools'");
        }
        if (tools.isEmpty() && row.hasNonNull("user") && user != null) {
            at.add("user", "a user side needs 'tools': only agent tasks (with tools) run turn by turn");
        }
        if (at.all().size() > before) {
            return null;
        }
        return new TaskSpec(id.textValue(), messages, constraints, tools, environment, user);
    }

    private static List<ChatMessage> messages(ObjectNode row, Problems at) {
        List<ChatMessage> messages = new ArrayList<>();
        JsonNode system = row.get("system");
        if (system != null && !system.isTextual()) {
            at.add("system", "expected a string");
        } else if (system != null) {
            messages.add(ChatMessage.system(system.textValue()));
        }
        JsonNode prompt = row.get("prompt");
        JsonNode list = row.get("messages");
        if ((prompt == null) == (list == null)) {
            at.add(prompt == null ? "prompt" : "messages", "give exactly one of 'prompt' and 'messages'");
        } else if (prompt != null) {
            if (prompt.isTextual()) {
                messages.add(ChatMessage.user(prompt.textValue()));
            } else {
                at.add("prompt", "expected a string");
            }
        } else if (!list.isArray()) {
            at.add("messages", "expected a list of {role, content}");
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode m = list.get(i);
                String field = "messages[" + i + "]";
                try {
                    if (!m.path("content").isTextual()) {
                        throw new IllegalArgumentException("expected {role, content} with a string content");
                    }
                    messages.add(new ChatMessage(Role.parse(m.path("role").asText()), m.get("content").textValue()));
                } catch (IllegalArgumentException e) {
                    at.add(field, e.getMessage());
                }
            }
            if (messages.stream().noneMatch(m -> m.role() == Role.USER)) {
                at.add("messages", "needs at least one user message");
            }
        }
        return messages;
    }

    /**
     * Reads a {@code constraints} list as task files write it (the shape other inputs, such as imported agent logs,
     * share); each problem is added to {@code problems} at {@code file}:{@code line}, fields prefixed by {@code field}.
     */
    public static List<ConstraintSpec> constraints(JsonNode list, Path file, int line, String field,
            List<InputProblem> problems) {
        List<ConstraintSpec> constraints = new ArrayList<>();
        if (!list.isArray()) {
            problems.add(new InputProblem(file, line, field, "expected a list"));
            return constraints;
        }
        List<InputProblem> found = new ArrayList<>();
        Problems at = new Problems(file, line, found);
        for (int i = 0; i < list.size(); i++) {
            ConstraintSpec constraint = constraint(list.get(i), i, at);
            if (constraint != null) {
                constraints.add(constraint);
            }
        }
        found.forEach(p -> problems.add(new InputProblem(p.file(), p.line(), p.field().replaceFirst("^constraints",
                java.util.regex.Matcher.quoteReplacement(field)), p.message())));
        return constraints;
    }

    private static ConstraintSpec constraint(JsonNode node, int index, Problems at) {
        String field = "constraints[" + index + "]";
        if (!node.isObject()) {
            at.add(field, "expected an object");
            return null;
        }
        int before = at.all().size();
        node.fieldNames().forEachRemaining(name -> {
            if (!CONSTRAINT_KEYS.contains(name)) {
                at.add(field + "." + name, "unknown field; a constraint has " + CONSTRAINT_KEYS);
            }
        });
        if (!node.path("verifier").isTextual()) {
            at.add(field + ".verifier", "expected an instruction id such as \"punctuation:no_comma\"");
        }
        JsonNode args = node.path("args");
        if (!args.isMissingNode() && !args.isObject()) {
            at.add(field + ".args", "expected an object");
        }
        ConstraintLevel level = ConstraintLevel.HARD;
        if (node.has("level")) {
            try {
                level = ConstraintLevel.parse(node.get("level").asText());
            } catch (IllegalArgumentException e) {
                at.add(field + ".level", e.getMessage());
            }
        }
        JsonNode priority = node.path("priority");
        if (!priority.isMissingNode() && !priority.isIntegralNumber()) {
            at.add(field + ".priority", "expected an integer");
        }
        JsonNode weight = node.path("weight");
        if (!weight.isMissingNode() && !(weight.isNumber() && weight.doubleValue() > 0
                && weight.doubleValue() <= ConstraintSpec.MAX_WEIGHT)) {
            at.add(field + ".weight", "expected a number greater than 0 and at most "
                    + (long) ConstraintSpec.MAX_WEIGHT);
        }
        if (at.all().size() > before) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = args.isMissingNode() ? Map.of()
                : JsonLines.mapper().convertValue(args, Map.class);
        return new ConstraintSpec(node.get("verifier").textValue(), arguments, level,
                priority.isMissingNode() ? index : priority.intValue(),
                weight.isMissingNode() ? 1.0 : weight.doubleValue());
    }
}
