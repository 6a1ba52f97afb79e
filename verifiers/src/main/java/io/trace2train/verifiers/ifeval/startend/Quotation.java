package io.trace2train.verifiers.ifeval.startend;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalVerifier;
import io.trace2train.verifiers.ifeval.IfevalVerifierFactory;
import io.trace2train.verifiers.text.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code startend:quotation}: the stripped response is longer than one character and starts and ends with ASCII
 * {@code "}; curly quotes do not count.
 */
final class Quotation extends IfevalVerifier {

    static final String ID = "startend:quotation";

    static final VerifierFactory FACTORY = IfevalVerifierFactory.of(ID,
            "Wrap the entire response in double quotation marks.", List.of(), args -> new Quotation());

    private static final String REQUIRED = "wrapped in straight double quotes (\")";

    private Quotation() {
        super(ID);
    }

    @Override
    protected Verdict judge(String response) {
        Span text = Span.of(response).strip(response);
        boolean opens = !text.isEmpty() && response.charAt(text.start()) == '"';
        boolean closes = !text.isEmpty() && response.charAt(text.end() - 1) == '"';
        if (opens && closes && PythonText.length(text.in(response)) > 1) {
            return pass("wrapped in double quotes", REQUIRED);
        }
        List<Evidence> evidence = new ArrayList<>();
        if (!text.isEmpty() && !opens) {
            int first = text.start() + Character.charCount(response.codePointAt(text.start()));
            evidence.add(new Evidence(text.start(), first, "should be an opening \""));
        }
        if (text.length() > 1 && !closes) {
            int last = text.end() - Character.charCount(response.codePointBefore(text.end()));
            evidence.add(new Evidence(last, text.end(), "should be a closing \""));
        }
        String measured = text.isEmpty() ? "empty" : !opens && !closes ? "no enclosing double quotes"
                : !opens ? "no opening double quote" : !closes ? "no closing double quote" : "only a single '\"'";
        return fail(measured, REQUIRED, "Wrap the entire response in straight double quotation marks (\"): the "
                + "first character must be \" and the last must be \", with nothing outside them.", evidence);
    }
}
