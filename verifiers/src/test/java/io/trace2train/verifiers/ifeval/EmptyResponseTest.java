package io.trace2train.verifiers.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trace2train.api.verify.Verdict;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each check says about an empty response when called directly, as the reference's {@code check_following("")}
 * does. (Strict and loose scoring never call a check on a blank response; that is the engine's rule.)
 */
class EmptyResponseTest {

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of("keywords:existence", Map.of("keywords", List.of("a")), false),
                Arguments.of("keywords:frequency", Map.of("keyword", "a", "frequency", 1, "relation", "less than"),
                        true),
                Arguments.of("keywords:forbidden_words", Map.of("forbidden_words", List.of("a")), true),
                Arguments.of("keywords:letter_frequency",
                        Map.of("letter", "a", "let_frequency", 1, "let_relation", "at least"), false),
                Arguments.of("length_constraints:number_paragraphs", Map.of("num_paragraphs", 0), true),
                Arguments.of("length_constraints:number_words", Map.of("num_words", 1, "relation", "less than"), true),
                Arguments.of("length_constraints:nth_paragraph_first_word",
                        Map.of("num_paragraphs", 1, "nth_paragraph", 1, "first_word", "a"), false),
                Arguments.of("detectable_content:number_placeholders", Map.of("num_placeholders", 1), false),
                Arguments.of("detectable_content:postscript", Map.of("postscript_marker", "P.S."), false),
                Arguments.of("detectable_format:number_bullet_lists", Map.of("num_bullets", 0), true),
                Arguments.of("detectable_format:constrained_response", Map.of(), false),
                Arguments.of("detectable_format:number_highlighted_sections", Map.of("num_highlights", 1), false),
                Arguments.of("detectable_format:multiple_sections",
                        Map.of("section_spliter", "SECTION", "num_sections", 1), false),
                Arguments.of("detectable_format:json_format", Map.of(), false),
                Arguments.of("detectable_format:title", Map.of(), false),
                Arguments.of("combination:two_responses", Map.of(), false),
                Arguments.of("combination:repeat_prompt", Map.of("prompt_to_repeat", "Hi"), false),
                Arguments.of("startend:end_checker", Map.of("end_phrase", "Bye"), false),
                Arguments.of("startend:quotation", Map.of(), false),
                Arguments.of("punctuation:no_comma", Map.of(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void emptyResponse(String id, Map<String, ?> kwargs, boolean expected) {
        Verdict verdict = Checks.check(id, kwargs, "");
        assertEquals(expected, verdict.passed());
        assertEquals(id, verdict.verifierId());
        assertEquals(expected, verdict.hint().isEmpty()); // a failure always says what to do
    }
}
