package io.trace2train.verifiers.agent;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.env.EnvironmentReplay;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.task.Episode;
import io.trace2train.api.verify.StepEvidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code tool:required_calls}: each listed call occurs, each matched by a call of its own (a call listed twice must
 * be made twice). {@code exact}: the call's parsed arguments equal the listed ones; {@code subset}: the listed keys
 * occur with equal values. Numbers compare by value ({@code 1} equals {@code 1.0}). {@code ordered}: the matches
 * occur in the listed order (as a subsequence: other calls may come between).
 */
record RequiredCalls(List<ExpectedCall> calls, boolean subset, boolean ordered) implements EpisodeVerifier {

    static final String ID = "tool:required_calls";

    RequiredCalls {
        calls = List.copyOf(requireNonNull(calls, "calls"));
    }

    static VerifierFactory factory() {
        return new EpisodeConstraint(ID, "Each listed call occurs, with equal arguments (exact) or these arguments "
                + "among others (subset), optionally in the listed order.",
                List.of(ParameterSpec.required("calls", ParameterType.OBJECT_LIST,
                                "the calls that must occur: {\"name\": tool, \"arguments\": {...}}"),
                        ParameterSpec.optional("match", ParameterType.STRING,
                                "\"exact\" (default) or \"subset\": how arguments are compared"),
                        ParameterSpec.optional("ordered", ParameterType.BOOLEAN,
                                "whether the calls must occur in the listed order (default false)")),
                RequiredCalls::create);
    }

    private static RequiredCalls create(VerifierArguments arguments) {
        String match = arguments.optionalString("match").orElse("exact");
        if (!match.equals("exact") && !match.equals("subset")) {
            throw arguments.invalid("match", "expected \"exact\" or \"subset\" but got \"" + match + "\"");
        }
        return new RequiredCalls(ExpectedCall.list(arguments, "calls"), match.equals("subset"),
                arguments.optionalBool("ordered").orElse(false));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict check(Episode episode, EnvironmentReplay environment) {
        List<Episode.Call> made = episode.calls();
        List<Optional<ObjectNode>> parsed = made.stream().map(call -> CallArguments.parse(call.call().arguments()))
                .toList();
        int[] matchOf = ordered ? inOrder(made, parsed) : anyOrder(made, parsed);
        List<ExpectedCall> missing = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (matchOf[i] < 0) {
                missing.add(calls.get(i));
            }
        }
        String required = (ordered ? "in this order: " : "") + calls + (subset ? " (arguments as a subset)" : "");
        if (missing.isEmpty()) {
            return Verdict.pass(this, "all " + calls.size() + " call(s) made", required);
        }
        List<StepEvidence> steps = new ArrayList<>();
        for (ExpectedCall call : missing) {
            // blame the calls of that tool whose arguments differ (or come out of order); else the agent's last word
            List<Episode.Call> near = made.stream().filter(m -> m.call().name().equals(call.name())).toList();
            near.forEach(m -> steps.add(new StepEvidence(m.message(), m.call().id(), "not the required " + call
                    + (ordered ? " in its place in the order" : ""))));
            if (near.isEmpty() && episode.finalAnswerIndex() >= 0) {
                steps.add(new StepEvidence(episode.finalAnswerIndex(), null, "ends without calling " + call));
            }
        }
        steps.sort(java.util.Comparator.comparingInt(StepEvidence::message));
        return Verdict.failAt(this, missing.size() + " of " + calls.size() + " required call(s) missing: " + missing,
                required, "Call " + String.join(", then ", missing.stream().map(ExpectedCall::toString).toList())
                        + (ordered ? " (in the listed order)" : ""), steps.stream().distinct().toList());
    }

    private boolean matches(ExpectedCall wanted, Episode.Call call, Optional<ObjectNode> arguments) {
        if (!wanted.name().equals(call.call().name()) || arguments.isEmpty()) {
            return false;
        }
        return subset ? CallArguments.contains(arguments.get(), wanted.arguments())
                : CallArguments.same(arguments.get(), wanted.arguments());
    }

    /** Earliest matches, one after another: a subsequence exists iff this greedy pass finds one. */
    private int[] inOrder(List<Episode.Call> made, List<Optional<ObjectNode>> parsed) {
        int[] matchOf = new int[calls.size()];
        Arrays.fill(matchOf, -1);
        int next = 0;
        for (int i = 0; i < calls.size(); i++) {
            for (int j = next; j < made.size(); j++) {
                if (matches(calls.get(i), made.get(j), parsed.get(j))) {
                    matchOf[i] = j;
                    next = j + 1;
                    break;
                }
            }
            if (matchOf[i] < 0) {
                break; // the rest cannot be placed after a missing call; all of them count as missing
            }
        }
        return matchOf;
    }

    /** A largest matching of listed calls to distinct made calls (subset patterns can overlap, so not greedy). */
    private int[] anyOrder(List<Episode.Call> made, List<Optional<ObjectNode>> parsed) {
        boolean[][] fits = new boolean[calls.size()][made.size()];
        for (int i = 0; i < calls.size(); i++) {
            for (int j = 0; j < made.size(); j++) {
                fits[i][j] = matches(calls.get(i), made.get(j), parsed.get(j));
            }
        }
        int[] listedOf = new int[made.size()];
        Arrays.fill(listedOf, -1);
        for (int i = 0; i < calls.size(); i++) {
            augment(i, fits, listedOf, new boolean[made.size()]);
        }
        int[] matchOf = new int[calls.size()];
        Arrays.fill(matchOf, -1);
        for (int j = 0; j < made.size(); j++) {
            if (listedOf[j] >= 0) {
                matchOf[listedOf[j]] = j;
            }
        }
        return matchOf;
    }

    /** Kuhn's augmenting path from listed call {@code i}. */
    private static boolean augment(int i, boolean[][] fits, int[] listedOf, boolean[] seen) {
        for (int j = 0; j < listedOf.length; j++) {
            if (fits[i][j] && !seen[j]) {
                seen[j] = true;
                if (listedOf[j] < 0 || augment(listedOf[j], fits, listedOf, seen)) {
                    listedOf[j] = i;
                    return true;
                }
            }
        }
        return false;
    }
}
