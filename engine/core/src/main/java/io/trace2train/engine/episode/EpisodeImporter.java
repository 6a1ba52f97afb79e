package io.trace2train.engine.episode;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.record.LogSource;
import io.trace2train.api.record.TokenCost;
import io.trace2train.api.record.Versions;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.config.NamedOptions;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.plugin.PluginRegistry;
import io.trace2train.engine.run.TaskHash;
import io.trace2train.engine.verify.VerifierRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one logged episode into a task and its record: the constraints (the log's, the import's, the structural
 * ones) each judged by {@link Verifier#check(Episode, io.trace2train.api.env.EnvironmentReplay)} on the episode
 * replayed in its environment, one attempt ({@value #STRATEGY}) whose output is the final answer, and the reward.
 * Thread-safe: episodes are imported in parallel.
 */
public final class EpisodeImporter {

    static final String STRATEGY = "import";
    /** The backend of records whose log names no model: the log is where the answers came from. */
    public static final String LOG_BACKEND = "log";

    /**
     * How the import was set up.
     *
     * @param format the log's format
     * @param file the log file
     * @param environment the environment every episode is replayed in; null to use each episode's own, if any
     * @param constraints constraints added to every episode
     * @param runId the run the records belong to
     * @param generation the run's (unused) generation settings, which records carry
     */
    public record Setup(LogFormat format, Path file, EnvironmentSpec environment, List<ConstraintSpec> constraints,
            String runId, GenerationSettings generation) {

        public Setup {
            requireNonNull(format, "format");
            requireNonNull(file, "file");
            constraints = List.copyOf(constraints);
            requireNonNull(runId, "runId");
            requireNonNull(generation, "generation");
        }
    }

    /** An episode imported: its record (null when it could not be) and the problems that kept it out. */
    public record Imported(ComplianceRecord record, List<InputProblem> problems) {

        public Imported {
            problems = List.copyOf(problems);
        }
    }

    private final Setup setup;
    private final VerifierRegistry verifiers;
    private final PluginRegistry<EnvironmentFactory> environments;
    private final RewardFunction reward;
    private final Map<EnvironmentSpec, List<ToolDefinition>> toolsOf = new ConcurrentHashMap<>();

    public EpisodeImporter(Setup setup, VerifierRegistry verifiers, PluginRegistry<EnvironmentFactory> environments,
            RewardFunction reward) {
        this.setup = requireNonNull(setup, "setup");
        this.verifiers = requireNonNull(verifiers, "verifiers");
        this.environments = requireNonNull(environments, "environments");
        this.reward = requireNonNull(reward, "reward");
    }

    /** The constraints an episode is judged by, in record order: the log's, the import's, then the structural ones. */
    public List<ConstraintSpec> constraints(LoggedEpisode logged) {
        return constraints(logged, setup.constraints());
    }

    /** The constraints an episode is judged by with {@code added} from the import: the log's, those, the structural. */
    public static List<ConstraintSpec> constraints(LoggedEpisode logged, List<ConstraintSpec> added) {
        List<ConstraintSpec> all = new ArrayList<>(logged.constraints());
        all.addAll(added);
        return withStructural(all);
    }

    /** {@code constraints} followed by each structural constraint they lack: every episode is judged by those. */
    public static List<ConstraintSpec> withStructural(List<ConstraintSpec> constraints) {
        List<ConstraintSpec> all = new ArrayList<>(constraints);
        for (String id : EpisodeLogReader.STRUCTURAL) {
            if (all.stream().noneMatch(c -> c.verifier().equals(id) && c.arguments().isEmpty())) {
                all.add(ConstraintSpec.hard(id, Map.of(), all.size()));
            }
        }
        return all;
    }

    public Imported importEpisode(LoggedEpisode logged, ForkInfo fork) {
        List<InputProblem> problems = new ArrayList<>();
        Path file = setup.file();
        List<ConstraintSpec> constraints = constraints(logged);
        List<Verifier> built = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            ConstraintSpec c = constraints.get(i);
            try {
                built.add(verifiers.create(c.verifier(), c.arguments()));
            } catch (InvalidArgumentsException e) {
                e.problems().forEach(p -> problems.add(new InputProblem(file, logged.line(),
                        "constraints[" + c.verifier() + "]." + p.field(), p.message())));
            } catch (BadInputException e) {
                problems.add(new InputProblem(file, logged.line(), "constraints[" + c.verifier() + "]",
                        e.getMessage()));
            }
        }
        EnvironmentSpec environmentSpec = setup.environment() != null ? setup.environment() : logged.environment();
        EnvironmentFactory factory = null;
        if (environmentSpec != null) {
            try {
                factory = environments.get(environmentSpec.name());
                NamedOptions.check("environment " + environmentSpec.name(), factory.options(),
                        environmentSpec.options());
            } catch (BadInputException | InvalidArgumentsException e) {
                // an unknown environment or a wrong option of it: this episode's problem, not the import's
                problems.add(new InputProblem(file, logged.line(), "environment", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            return new Imported(null, problems);
        }
        List<ToolDefinition> tools = logged.tools().isEmpty() && factory != null
                ? toolsOf(factory, environmentSpec) : logged.tools();
        Episode episode = logged.episode(tools);
        ReplayedEpisode replay;
        try {
            replay = factory == null ? null : ReplayedEpisode.replay(factory, environmentSpec.options(), episode);
        } catch (RuntimeException | StackOverflowError e) {
            // a plugin's environment that breaks on this episode (its tools answer the agent's mistakes themselves)
            problems.add(new InputProblem(file, logged.line(), "environment", "environment '" + factory.name()
                    + "' threw while replaying the episode: " + e));
            return new Imported(null, problems);
        }
        EpisodeJudge judge = new EpisodeJudge(constraints, built);
        List<ConstraintResult> results;
        try {
            results = EpisodeJudge.results(judge.check(episode, replay));
        } catch (EpisodeJudge.VerifierThrew e) {
            // a plugin's verifier that breaks on this episode: the episode is reported, the others go on
            problems.add(new InputProblem(file, logged.line(), "constraints[" + e.index() + "]", e.getMessage()));
            return new Imported(null, problems);
        }
        Map<String, String> versions = judge.versions();
        List<Integer> violations = results.stream().filter(r -> r.level() == ConstraintLevel.HARD && !r.passed())
                .map(ConstraintResult::index).toList();
        TaskSpec task = new TaskSpec(logged.taskKey(), logged.promptMessages(), constraints, tools, environmentSpec);
        AttemptRecord attempt = new AttemptRecord(0, 0, STRATEGY, null, episode.finalAnswer(), results, 0, 0, 0,
                null, false, null);
        List<String> notes = replay == null ? List.of() : replay.differences();
        ModelInfo model = new ModelInfo(LOG_BACKEND, logged.model() == null ? "unknown" : logged.model(), "");
        ComplianceRecord record = new ComplianceRecord(ComplianceRecord.SCHEMA_VERSION, UUID.randomUUID().toString(),
                setup.runId(), task.id(), TaskHash.of(task), task.messages(), model, "direct", setup.generation(),
                List.of(attempt), violations, violations, episode.finalAnswer(), violations.isEmpty(), 0,
                new TokenCost(0, 0, 0), 0, new Versions(EngineVersion.current(), versions), notes, null, fork, null,
                constraints)
                .withEpisode(episode, replay == null ? null : replay.outcome(),
                        new LogSource(setup.format().json(), file.getFileName().toString(), logged.line(),
                                logged.loggedReward()));
        return new Imported(record.withReward(reward.score(task, record)), List.of());
    }

    /** The tools an environment offers, asked once per environment spec. */
    private List<ToolDefinition> toolsOf(EnvironmentFactory factory, EnvironmentSpec spec) {
        return toolsOf.computeIfAbsent(spec, s -> factory.create(s.options()).tools());
    }
}
