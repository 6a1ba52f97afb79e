package io.trace2train.verifiers.ifeval.adversarial;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Typical arguments for every built-in IFEval check (the first ones the IFEval prompts use, plus the argument shapes
 * that take another code path: both fixed postscript markers and a free one, each relation). The cost benchmark
 * ({@code bench verifiers-adversarial}) and the bounded-work tests run each of these on hostile answers.
 */
public final class SampleChecks {

    /** One configured check: an instruction id and its keyword arguments. */
    public record SampleCheck(String id, Map<String, Object> kwargs) {

        public SampleCheck {
            requireNonNull(id, "id");
            kwargs = Map.copyOf(requireNonNull(kwargs, "kwargs"));
        }

        @Override
        public String toString() {
            return kwargs.isEmpty() ? id : id + " " + kwargs;
        }
    }

    private static final List<SampleCheck> ALL = List.of(
            check("change_case:capital_word_frequency", Map.of("capital_relation", "less than",
                    "capital_frequency", 10)),
            check("change_case:english_capital", Map.of()),
            check("change_case:english_lowercase", Map.of()),
            check("combination:repeat_prompt", Map.of("prompt_to_repeat",
                    "Write an email to my boss telling him that I am quitting.")),
            check("combination:two_responses", Map.of()),
            check("detectable_content:number_placeholders", Map.of("num_placeholders", 12)),
            check("detectable_content:postscript", Map.of("postscript_marker", "P.S.")),
            check("detectable_content:postscript", Map.of("postscript_marker", "P.P.S")),
            check("detectable_content:postscript", Map.of("postscript_marker", "Note:")),
            check("detectable_format:constrained_response", Map.of()),
            check("detectable_format:json_format", Map.of()),
            check("detectable_format:multiple_sections", Map.of("section_spliter", "SECTION", "num_sections", 2)),
            check("detectable_format:number_bullet_lists", Map.of("num_bullets", 3)),
            check("detectable_format:number_highlighted_sections", Map.of("num_highlights", 3)),
            check("detectable_format:title", Map.of()),
            check("keywords:existence", Map.of("keywords", List.of("correlated", "experiencing"))),
            check("keywords:forbidden_words", Map.of("forbidden_words", List.of("rock", "a-b"))),
            check("keywords:frequency", Map.of("relation", "at least", "keyword", "story", "frequency", 2)),
            check("keywords:letter_frequency", Map.of("let_relation", "less than", "letter", "#",
                    "let_frequency", 4)),
            check("language:response_language", Map.of("language", "en")),
            check("length_constraints:nth_paragraph_first_word", Map.of("first_word", "weekend",
                    "num_paragraphs", 4, "nth_paragraph", 1)),
            check("length_constraints:number_paragraphs", Map.of("num_paragraphs", 2)),
            check("length_constraints:number_sentences", Map.of("relation", "less than", "num_sentences", 6)),
            check("length_constraints:number_words", Map.of("relation", "at least", "num_words", 300)),
            check("punctuation:no_comma", Map.of()),
            check("startend:end_checker", Map.of("end_phrase", "Is there anything else I can help with?")),
            check("startend:quotation", Map.of()));

    private SampleChecks() {
    }

    /** Every sample, each built-in instruction id at least once. */
    public static List<SampleCheck> all() {
        return ALL;
    }

    private static SampleCheck check(String id, Map<String, Object> kwargs) {
        return new SampleCheck(id, kwargs);
    }
}
