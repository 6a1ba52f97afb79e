package io.trace2train.api.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The argument types episode constraints need: a boolean, and a list of objects (calls, actions). */
class EpisodeArgumentTypesTest {

    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.required("calls", ParameterType.OBJECT_LIST, "the calls"),
            ParameterSpec.optional("ordered", ParameterType.BOOLEAN, "in order"));

    @Test
    void booleansAndListsOfObjectsBind() {
        VerifierArguments bound = VerifierArguments.bind("tool:required_calls", SPECS, Map.of("calls",
                List.of(Map.of("name", "think", "arguments", Map.of("n", 1))), "ordered", true));
        assertEquals(List.of(Map.of("name", "think", "arguments", Map.of("n", 1))), bound.objectList("calls"));
        assertTrue(bound.bool("ordered"));
        assertEquals(Optional.empty(), VerifierArguments.bind("tool:required_calls", SPECS,
                Map.of("calls", List.of())).optionalBool("ordered"));
    }

    @Test
    void wrongShapesAreNamedByField() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> VerifierArguments.bind(
                "tool:required_calls", SPECS, Map.of("calls", List.of(Map.of("name", "x"), "think"),
                        "ordered", "true")));
        assertEquals(List.of("calls", "ordered"), e.problems().stream().map(InvalidArgumentsException.Problem::field)
                .sorted().toList());
        assertTrue(e.getMessage().contains("expected a list of objects"), e.getMessage());
        assertTrue(e.getMessage().contains("expected true or false but got \"true\""), e.getMessage());
        assertThrows(InvalidArgumentsException.class, () -> VerifierArguments.bind("tool:required_calls", SPECS,
                Map.of("calls", List.of(Map.of(1, "x")))));
    }
}
