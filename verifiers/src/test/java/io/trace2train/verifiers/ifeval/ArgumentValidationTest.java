package io.trace2train.verifiers.ifeval;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.param.ParameterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Arguments are checked at creation, and every problem names the instruction id and the field. */
class ArgumentValidationTest {

    /** Each id of this branch with its reference kwargs names. */
    private static final Map<String, Set<String>> PARAMETERS = Map.ofEntries(
            Map.entry("keywords:existence", Set.of("keywords")),
            Map.entry("keywords:frequency", Set.of("keyword", "frequency", "relation")),
            Map.entry("keywords:forbidden_words", Set.of("forbidden_words")),
            Map.entry("keywords:letter_frequency", Set.of("letter", "let_frequency", "let_relation")),
            Map.entry("length_constraints:number_paragraphs", Set.of("num_paragraphs")),
            Map.entry("length_constraints:number_words", Set.of("num_words", "relation")),
            Map.entry("length_constraints:nth_paragraph_first_word",
                    Set.of("num_paragraphs", "nth_paragraph", "first_word")),
            Map.entry("detectable_content:number_placeholders", Set.of("num_placeholders")),
            Map.entry("detectable_content:postscript", Set.of("postscript_marker")),
            Map.entry("detectable_format:number_bullet_lists", Set.of("num_bullets")),
            Map.entry("detectable_format:constrained_response", Set.of()),
            Map.entry("detectable_format:number_highlighted_sections", Set.of("num_highlights")),
            Map.entry("detectable_format:multiple_sections", Set.of("section_spliter", "num_sections")),
            Map.entry("detectable_format:json_format", Set.of()),
            Map.entry("detectable_format:title", Set.of()),
            Map.entry("combination:two_responses", Set.of()),
            Map.entry("combination:repeat_prompt", Set.of("prompt_to_repeat")),
            Map.entry("startend:end_checker", Set.of("end_phrase")),
            Map.entry("startend:quotation", Set.of()),
            Map.entry("punctuation:no_comma", Set.of()));

    private static InvalidArgumentsException rejected(String id, Map<String, ?> kwargs) {
        return assertThrows(InvalidArgumentsException.class, () -> Checks.create(id, kwargs));
    }

    private static void assertProblem(InvalidArgumentsException e, String id, String field) {
        assertTrue(e.problems().stream().anyMatch(p -> p.instructionId().equals(id) && p.field().equals(field)),
                () -> "no problem for " + id + " / " + field + " in " + e.problems());
    }

    @Test
    void parameterNamesAreTheReferenceKwargs() {
        PARAMETERS.forEach((id, names) -> assertEquals(names, Checks.factory(id).parameters().stream()
                .map(ParameterSpec::name).collect(Collectors.toSet()), id));
    }

    @Test
    void unknownArgumentIsRejected() {
        InvalidArgumentsException e = rejected("keywords:existence", Map.of("keywords", List.of("a"), "keyword", "a"));
        assertProblem(e, "keywords:existence", "keyword");
        assertProblem(rejected("punctuation:no_comma", Map.of("comma", 1)), "punctuation:no_comma", "comma");
    }

    @Test
    void wrongTypeIsRejected() {
        assertProblem(rejected("keywords:frequency", Map.of("keyword", "a", "frequency", "3", "relation", "at least")),
                "keywords:frequency", "frequency");
        assertProblem(rejected("keywords:existence", Map.of("keywords", "a")), "keywords:existence", "keywords");
        assertProblem(rejected("length_constraints:number_words", Map.of("num_words", 2.5, "relation", "at least")),
                "length_constraints:number_words", "num_words");
    }

    @Test
    void badRelationIsRejected() {
        assertProblem(rejected("keywords:frequency", Map.of("keyword", "a", "frequency", 3, "relation", "more than")),
                "keywords:frequency", "relation");
        assertProblem(rejected("keywords:letter_frequency",
                Map.of("letter", "a", "let_frequency", 3, "let_relation", "at most")),
                "keywords:letter_frequency", "let_relation");
    }

    @Test
    void everyProblemIsReported() {
        InvalidArgumentsException e = rejected("keywords:frequency", Map.of("frequency", "x", "relation", "bad"));
        assertEquals(Set.of("keyword", "frequency", "relation"),
                e.problems().stream().map(InvalidArgumentsException.Problem::field).collect(Collectors.toSet()));
    }

    @Test
    void huggingFaceNullValuedKeysAreAccepted() {
        Map<String, Object> kwargs = new HashMap<>();
        for (String key : List.of("num_highlights", "relation", "num_words", "num_placeholders", "prompt_to_repeat",
                "num_paragraphs", "nth_paragraph", "first_word", "language", "let_frequency", "let_relation", "letter",
                "end_phrase", "forbidden_words", "keyword", "frequency", "num_sentences", "postscript_marker",
                "section_spliter", "num_sections", "num_bullets", "capital_relation", "capital_frequency")) {
            kwargs.put(key, null);
        }
        kwargs.put("keywords", List.of("a"));
        assertDoesNotThrow(() -> Checks.create("keywords:existence", kwargs));
        kwargs.put("keywords", null);
        assertDoesNotThrow(() -> Checks.create("detectable_format:title", kwargs));
    }

    @Test
    void negativeCountsAreRejected() {
        assertProblem(rejected("detectable_format:number_bullet_lists", Map.of("num_bullets", -1)),
                "detectable_format:number_bullet_lists", "num_bullets");
        assertProblem(rejected("keywords:letter_frequency",
                Map.of("letter", "a", "let_frequency", -2, "let_relation", "at least")),
                "keywords:letter_frequency", "let_frequency");
        assertProblem(rejected("length_constraints:number_sentences",
                Map.of("num_sentences", -1, "relation", "less than")),
                "length_constraints:number_sentences", "num_sentences");
        assertProblem(rejected("change_case:capital_word_frequency",
                Map.of("capital_frequency", -3, "capital_relation", "at least")),
                "change_case:capital_word_frequency", "capital_frequency");
    }

    @Test
    void invalidRegexesNameTheField() {
        InvalidArgumentsException e = rejected("keywords:existence", Map.of("keywords", List.of("ok", "(", "[a")));
        assertEquals(2, e.problems().size());
        assertProblem(e, "keywords:existence", "keywords");
        assertTrue(e.getMessage().contains("entry 2"), e.getMessage());
        assertProblem(rejected("keywords:forbidden_words", Map.of("forbidden_words", List.of("a)"))),
                "keywords:forbidden_words", "forbidden_words");
        assertProblem(rejected("keywords:frequency", Map.of("keyword", "a(", "frequency", 1, "relation", "at least")),
                "keywords:frequency", "keyword");
        assertProblem(rejected("detectable_format:multiple_sections",
                Map.of("section_spliter", "SECTION[", "num_sections", 2)),
                "detectable_format:multiple_sections", "section_spliter");
        assertProblem(rejected("detectable_content:postscript", Map.of("postscript_marker", "P.S.(")),
                "detectable_content:postscript", "postscript_marker");
    }

    @Test
    void emptyValuesThatTheReferenceWouldRandomiseOrThatMakeAVacuousCheckAreRejected() {
        assertProblem(rejected("keywords:existence", Map.of("keywords", List.of())), "keywords:existence",
                "keywords");
        assertProblem(rejected("keywords:forbidden_words", Map.of("forbidden_words", List.of("a", " "))),
                "keywords:forbidden_words", "forbidden_words");
        assertProblem(rejected("keywords:frequency", Map.of("keyword", " ", "frequency", 1, "relation", "at least")),
                "keywords:frequency", "keyword");
        assertProblem(rejected("startend:end_checker", Map.of("end_phrase", "")), "startend:end_checker",
                "end_phrase");
        assertProblem(rejected("detectable_content:postscript", Map.of("postscript_marker", " ")),
                "detectable_content:postscript", "postscript_marker");
        assertProblem(rejected("combination:repeat_prompt", Map.of("prompt_to_repeat", "")),
                "combination:repeat_prompt", "prompt_to_repeat");
    }

    @Test
    void missingRequiredArgumentIsRejected() {
        assertProblem(rejected("startend:end_checker", Map.of()), "startend:end_checker", "end_phrase");
    }

    @Test
    void countsAndPositionsPastAnIntAreRejectedNamingTheField() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> Checks.create("length_constraints:nth_paragraph_first_word", java.util.Map.of("first_word",
                        "hi", "num_paragraphs", 4_000_000_000L, "nth_paragraph", 3_000_000_000L)));
        assertTrue(e.getMessage().contains("num_paragraphs"), e.getMessage());
        for (String[] field : new String[][] {{"length_constraints:number_words", "num_words"},
                {"length_constraints:number_sentences", "num_sentences"},
                {"keywords:frequency", "frequency"}}) {
            java.util.Map<String, Object> kwargs = new java.util.HashMap<>(java.util.Map.of(field[1], 3_000_000_000L,
                    "relation", "at least"));
            if (field[0].startsWith("keywords")) {
                kwargs.put("keyword", "cat");
            }
            InvalidArgumentsException problem = assertThrows(InvalidArgumentsException.class,
                    () -> Checks.create(field[0], kwargs));
            assertTrue(problem.getMessage().contains(field[1]) && problem.getMessage().contains("2147483647"),
                    problem.getMessage());
        }
    }
}
