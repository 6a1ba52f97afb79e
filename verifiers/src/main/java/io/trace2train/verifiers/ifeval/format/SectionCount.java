package io.trace2train.verifiers.ifeval.format;

import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.param.ParameterType;
import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.CountRule;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.CheckArguments;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.ifeval.Noun;
import io.trace2train.verifiers.ifeval.RegexCountVerifier;
import java.util.List;

/**
 * {@code detectable_format:multiple_sections}: at least N section markers. The reference counts
 * {@code len(re.split(r"\s?" + spliter + r"\s?\d+\s?", response)) - 1}, which is the number of matches: the splitter
 * (stripped) is a raw, case-sensitive regex that may match inside words ({@code "SUBSECTION 3"}), and
 * {@code "SECTION1"} and {@code "Section 2.5"} count.
 */
final class SectionCount {

    static final String ID = "detectable_format:multiple_sections";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Mark at least `num_sections` sections, each starting with `section_spliter` and a number (SECTION 1).",
            List.of(ParameterSpec.required("section_spliter", ParameterType.STRING,
                            "the word that starts a section, e.g. \"SECTION\" (a case-sensitive regular expression)"),
                    ParameterSpec.required("num_sections", ParameterType.INTEGER, "the least number of sections")),
            SectionCount::create);

    private SectionCount() {
    }

    private static RegexCountVerifier create(VerifierArguments args) {
        String spliter = PythonText.strip(CheckArguments.nonBlank(args, "section_spliter"));
        CountRule rule = CountRule.atLeast(CheckArguments.count(args, "num_sections"));
        return new RegexCountVerifier(ID, rule,
                new Noun("section", "sections", " marked " + Hints.quote(spliter + " <number>")),
                CheckArguments.regex(args, "section_spliter", "\\s?" + spliter + "\\s?\\d+\\s?", 0),
                "section marker");
    }
}
