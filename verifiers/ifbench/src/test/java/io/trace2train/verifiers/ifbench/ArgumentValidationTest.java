package io.trace2train.verifiers.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.testing.ExampleData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Arguments are checked at creation, and every problem names the instruction id and the field. */
class ArgumentValidationTest {

    private static final Map<String, IfbenchVerifierFactory> FACTORIES = IfbenchPlugin.factories().stream()
            .collect(Collectors.toMap(IfbenchVerifierFactory::id, f -> f));

    private static InvalidArgumentsException rejected(String id, Map<String, ?> kwargs) {
        return assertThrows(InvalidArgumentsException.class, () -> FACTORIES.get(id).create(kwargs));
    }

    private static void assertProblem(InvalidArgumentsException e, String id, String field) {
        assertTrue(e.problems().stream().anyMatch(p -> p.instructionId().equals(id) && p.field().equals(field)),
                () -> "no problem for " + id + " / " + field + " in " + e.problems());
    }

    @Test
    void parametersAreTheKwargsTheTestFileUses() {
        Map<String, Set<String>> used = new HashMap<>();
        ExampleData.jsonLines(ExampleData.ifbench("IFBench_test.jsonl")).forEach(row -> {
            for (int i = 0; i < row.get("instruction_id_list").size(); i++) {
                Set<String> names = used.computeIfAbsent(row.get("instruction_id_list").get(i).asText(),
                        id -> new TreeSet<>());
                row.get("kwargs").get(i).properties().forEach(entry -> {
                    if (!entry.getValue().isNull()) {
                        names.add(entry.getKey());
                    }
                });
            }
        });
        used.forEach((id, names) -> assertEquals(names, FACTORIES.get(id).parameters().stream()
                .map(ParameterSpec::name).collect(Collectors.toCollection(TreeSet::new)), id));
    }

    @Test
    void missingWrongTypedAndFractionalValuesAreNamed() {
        assertProblem(rejected("count:numbers", Map.of()), "count:numbers", "N");
        assertProblem(rejected("count:numbers", Map.of("N", "five")), "count:numbers", "N");
        assertProblem(rejected("count:numbers", Map.of("N", 2.5)), "count:numbers", "N");
        InvalidArgumentsException both = rejected("count:word_count_range", Map.of("min_words", "x"));
        assertProblem(both, "count:word_count_range", "min_words");
        assertProblem(both, "count:word_count_range", "max_words");
    }

    @Test
    void unknownArgumentsAreNamedButNullOnesIgnored() {
        assertProblem(rejected("words:alphabet", Map.of("N", 3.0)), "words:alphabet", "N");
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("N", null);
        nulls.put("small_n", 2.0);
        FACTORIES.get("words:repeats").create(nulls);
    }

    @Test
    void valuesTheReferenceWouldReplaceOrCrashOnAreRejected() {
        assertProblem(rejected("count:numbers", Map.of("N", -1.0)), "count:numbers", "N");
        assertProblem(rejected("count:words_japanese", Map.of("N", 0.0)), "count:words_japanese", "N");
        assertProblem(rejected("sentence:keyword", Map.of("word", " ", "N", 2.0)), "sentence:keyword", "word");
        assertProblem(rejected("sentence:keyword", Map.of("word", "cat", "N", 0.0)), "sentence:keyword", "N");
        assertProblem(rejected("words:keywords_specific_position", Map.of("keyword", "cat", "n", 0, "m", 1)),
                "words:keywords_specific_position", "n");
        assertProblem(rejected("count:keywords_multiple", Map.of("keyword1", "a", "keyword2", "b", "keyword3", "",
                "keyword4", "d", "keyword5", "e")), "count:keywords_multiple", "keyword3");
        assertProblem(rejected("count:word_count_range", Map.of("min_words", 10.0, "max_words", 5.0)),
                "count:word_count_range", "max_words");
        assertProblem(rejected("repeat:repeat_span", Map.of("prompt_to_repeat", "abc", "n_start", 2, "n_end", 1)),
                "repeat:repeat_span", "n_end");
        assertProblem(rejected("format:list", Map.of("sep", "")), "format:list", "sep");
        assertProblem(rejected("repeat:repeat_change", Map.of()), "repeat:repeat_change", "prompt_to_repeat");
    }

    @Test
    void everyIdHasADescriptionAndTheVersion() {
        for (IfbenchVerifierFactory factory : IfbenchPlugin.factories()) {
            assertTrue(!factory.description().isBlank(), factory.id());
            assertEquals(IfbenchVerifierFactory.VERSION, factory.version());
        }
        assertEquals(List.of("ifbench"), java.util.ServiceLoader.load(io.trace2train.api.plugin.Plugin.class)
                .stream().map(p -> p.get().name()).filter("ifbench"::equals).toList());
    }
}
