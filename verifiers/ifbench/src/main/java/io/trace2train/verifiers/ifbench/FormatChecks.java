package io.trace2train.verifiers.ifbench;

import static io.trace2train.verifiers.ifbench.Arguments.string;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Evidence;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.PythonRegex;
import io.trace2train.verifiers.text.nltk.NltkWordTokenizer;
import io.trace2train.verifiers.text.nltk.WordToken;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code format:*} checks. */
final class FormatChecks {

    private FormatChecks() {
    }

    private static final Pattern ABC_OPTIONS = PythonRegex.compile("\\W*[aA]\\W*[bB]\\W*[cC]\\W*", 0);
    static final List<String> TEMPLATE = List.of("My Answer:", "My Conclusion:", "Future Outlook:");

    static List<IfbenchVerifierFactory> factories() {
        return List.of(
                IfbenchVerifierFactory.fixed("format:parentheses",
                        "Nest parentheses (and [brackets {and braces}]) at least 5 levels deep.",
                        FormatChecks::parentheses),
                IfbenchVerifierFactory.fixed("format:quotes",
                        "Include quotes within quotes within quotes, at least 3 levels deep.", FormatChecks::quotes),
                IfbenchVerifierFactory.of("format:options",
                        "Answer with one of the given options and nothing else.",
                        List.of(string("options", "the options, separated by '/', 'or' or ','")),
                        args -> {
                            String options = Arguments.nonBlank(args, "options");
                            return options(options);
                        }),
                IfbenchVerifierFactory.fixed("format:newline", "Write each word on a new line.",
                        FormatChecks::newline),
                IfbenchVerifierFactory.fixed("format:emoji", "Please use an emoji at the end of every sentence.",
                        FormatChecks::emoji),
                IfbenchVerifierFactory.fixed("format:line_indent",
                        "Create stairs by incrementally indenting each new line.", FormatChecks::lineIndent),
                IfbenchVerifierFactory.fixed("format:quote_unquote",
                        "Every quoted phrase must be followed by an unquoted explanation.",
                        FormatChecks::quoteUnquote),
                IfbenchVerifierFactory.of("format:list",
                        "Answer with a list of items, using sep instead of bullet points.",
                        List.of(string("sep", "the item marker")),
                        args -> {
                            String sep = args.string("sep");
                            if (sep.isEmpty()) {
                                throw args.invalid("sep", "must not be empty");
                            }
                            return text -> list(text, sep);
                        }),
                IfbenchVerifierFactory.fixed("format:thesis",
                        "Begin with a thesis statement in italics (HTML <i> or <em>), followed by more text.",
                        FormatChecks::thesis),
                IfbenchVerifierFactory.fixed("format:sub-bullets",
                        "Bullet points denoted by * must each have a sub-bullet point denoted by -.",
                        FormatChecks::subBullets),
                IfbenchVerifierFactory.fixed("format:no_bullets_bullets",
                        "At least two sentences, then at least two bullet points denoted by *.",
                        FormatChecks::noBulletsBullets),
                IfbenchVerifierFactory.fixed("format:title_case",
                        "Write the entire response in title case.", FormatChecks::titleCase),
                IfbenchVerifierFactory.fixed("format:output_template",
                        "Use the template: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook]",
                        FormatChecks::outputTemplate),
                IfbenchVerifierFactory.fixed("format:no_whitespace", "The output should not contain any whitespace.",
                        FormatChecks::noWhitespace));
    }

    static Finding parentheses(String text) {
        List<Character> levels = new ArrayList<>();
        int maxDepth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                levels.add(c);
                maxDepth = Math.max(maxDepth, levels.size());
            } else if (c == ')' || c == ']' || c == '}') {
                if (!levels.isEmpty() && closes(levels.getLast(), c)) {
                    levels.removeLast();
                    if (maxDepth >= 5 && levels.size() < maxDepth) {
                        return Finding.pass("depth " + maxDepth, "depth 5 or more");
                    }
                } else {
                    // a mismatched or unmatched closer resets the count, as the reference does
                    levels.clear();
                    maxDepth = 0;
                }
            }
        }
        return Finding.fail("depth " + maxDepth + " at most", "depth 5 or more",
                "Nest brackets at least 5 levels deep, e.g. (a [b {c (d [e])}]), each closed by its own kind.");
    }

    private static boolean closes(char open, char close) {
        return (open == '(' && close == ')') || (open == '[' && close == ']') || (open == '{' && close == '}');
    }

    static Finding quotes(String text) {
        StringBuilder stack = new StringBuilder();
        int reached = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!stack.isEmpty() && c == stack.charAt(stack.length() - 1)) {
                stack.setLength(stack.length() - 1);
                if (reached - stack.length() >= 3) {
                    return Finding.pass("depth " + reached, "3 levels of quotes");
                }
            } else if (c == '"' || c == '\'') {
                // apostrophes count as quotes too: the reference's behaviour
                stack.append(c);
                reached = Math.max(reached, stack.length());
            }
        }
        return Finding.fail("depth " + reached + " reached", "3 levels of quotes",
                "Nest quotes 3 levels deep, alternating \" and ' (e.g. \"a 'b \"c\" b' a\"); apostrophes also count "
                        + "as quotes.");
    }

    static Check options(String options) {
        boolean strict = ABC_OPTIONS.matcher(options).lookingAt();
        // the separator: '/' if present, else the substring 'or' anywhere (even inside a word), else ','
        String separator = options.contains("/") ? "/" : options.contains("or") ? "or" : ",";
        List<String> choices = PythonText.split(options, separator).stream().map(PythonText::strip).toList();
        String required = "exactly one of " + Hints.quoteAll(choices);
        return text -> {
            boolean ok;
            if (strict) {
                ok = choices.contains(text); // letter options must match exactly, unstripped
            } else {
                String answer = PythonText.lower(IfbenchText.stripPunct(text));
                ok = choices.stream().anyMatch(o -> PythonText.lower(IfbenchText.stripPunct(o)).equals(answer));
            }
            return Finding.of(ok, Hints.quote(text), required,
                    "Answer with exactly one of " + Hints.quoteAll(choices) + " and nothing else.");
        };
    }

    static Finding newline(String text) {
        String deleted = IfbenchText.deletePunct(text);
        long lines = PythonText.split(PythonText.strip(deleted), "\n").stream().filter(l -> !l.isEmpty()).count();
        int words = PythonText.split(deleted).size();
        return Finding.of(lines == words, lines + " lines, " + words + " words", "one word per line",
                "Put each word on its own line, with nothing else on it.");
    }

    static Finding emoji(String text) {
        List<String> sentences = IfbenchText.sentences(text);
        String required = "an emoji ending every sentence";
        for (int i = 0; i < sentences.size(); i++) {
            String stripped = PythonText.strip(IfbenchText.deletePunct(sentences.get(i)));
            if (stripped.isEmpty()) {
                return Finding.fail("sentence " + (i + 1) + " is only punctuation", required,
                        "End every sentence with an emoji.");
            }
            int[] cps = stripped.codePoints().toArray();
            int lastChar = cps[cps.length - 1];
            // the second-to-last code point also counts ("because blank spaces are treated oddly" upstream)
            int secondLast = cps.length > 1 ? cps[cps.length - 2] : lastChar;
            if (!ReferenceData.Emoji.isEmoji(lastChar) && !ReferenceData.Emoji.isEmoji(secondLast)) {
                boolean nextStartsWithEmoji = false;
                if (i < sentences.size() - 1) {
                    String next = PythonText.strip(IfbenchText.deletePunct(sentences.get(i + 1)));
                    nextStartsWithEmoji = !next.isEmpty() && ReferenceData.Emoji.isEmoji(next.codePointAt(0));
                }
                if (!nextStartsWithEmoji) {
                    return Finding.fail("sentence " + (i + 1) + " ends without an emoji", required,
                            "End sentence " + (i + 1) + " with an emoji.");
                }
            }
        }
        return Finding.pass(sentences.size() + " sentences end with emoji", required);
    }

    static Finding lineIndent(String text) {
        List<String> lines = withoutBlankLinesAsReference(PythonText.split(text, "\n"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            int indent = indent(lines.get(i));
            int next = indent(lines.get(i + 1));
            if (next <= indent) {
                return Finding.fail("line " + (i + 2) + " indented " + next + " after " + indent,
                        "each line indented further",
                        "Indent each line with more leading spaces than the line before (tabs do not count).");
            }
        }
        return Finding.pass(lines.size() + " lines in stairs", "each line indented further");
    }

    /**
     * The lines left by the reference's {@code for line in lines: if not line.strip(): lines.remove(line)}, which
     * removes from the list it iterates: {@code remove} drops the first equal line (maybe an earlier blank line that
     * survived) and the loop then skips the line after the current one, so of two consecutive blank lines one stays.
     * Done in one pass: removals only ever hit lines at or before the current one, so the current list index always
     * follows the original positions, and each blank line is skipped or removed through a queue of its value.
     */
    static List<String> withoutBlankLinesAsReference(List<String> lines) {
        boolean[] removed = new boolean[lines.size()];
        Map<String, ArrayDeque<Integer>> surviving = new HashMap<>();
        int p = 0;
        while (p < lines.size()) {
            String line = lines.get(p);
            if (!PythonText.isBlank(line)) {
                p++;
                continue;
            }
            surviving.computeIfAbsent(line, k -> new ArrayDeque<>()).add(p);
            removed[surviving.get(line).poll()] = true;
            if (p + 1 < lines.size() && PythonText.isBlank(lines.get(p + 1))) {
                // the skipped line survives and stays first in line for a later removal of its value
                surviving.computeIfAbsent(lines.get(p + 1), k -> new ArrayDeque<>()).add(p + 1);
            }
            p += 2;
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!removed[i]) {
                kept.add(lines.get(i));
            }
        }
        return kept;
    }

    private static int indent(String line) {
        return line.length() - PythonText.lstrip(line, " ").length();
    }

    static Finding quoteUnquote(String text) {
        String value = text.replace("'\"'", "");
        StringBuilder compact = new StringBuilder(value.length());
        for (String part : PythonText.split(value)) {
            compact.append(part);
        }
        String required = "each quote followed by unquoted text";
        if (compact.indexOf("\"\"") >= 0) {
            return Finding.fail("two quotes adjacent", required,
                    "Follow every quoted phrase with an unquoted explanation before the next quote.");
        }
        String stripped = PythonText.strip(compact.toString(), "0123456789" + IfbenchText.PUNCT.replace("\"", ""));
        boolean endsQuoted = !stripped.isEmpty() && stripped.endsWith("\"");
        return Finding.of(!endsQuoted, endsQuoted ? "ends with a quote" : "quotes explained", required,
                "Do not end with a quotation; explain it after.");
    }

    static Finding list(String text, String sep) {
        int count = IfbenchText.occurrences(text, sep);
        return Finding.of(count >= 2, count + " markers", "at least 2 " + Hints.quote(sep),
                "List at least two items, each starting with " + Hints.quote(sep) + ".");
    }

    static Finding thesis(String text) {
        String required = "an italic thesis (<i> or <em>) followed by text";
        String hint = "Begin with a thesis in <i>...</i> and follow it with unitalicized text.";
        int index = text.indexOf("<i>");
        if (index < 0) {
            index = text.indexOf("<em>");
            if (index < 0) {
                return Finding.fail("no <i> or <em>", required, hint);
            }
        }
        String value = text.substring(index);
        int end = value.indexOf("</i>");
        if (end < 0) {
            end = value.indexOf("</em>");
            if (end < 0) {
                return Finding.fail("no closing </i> or </em>", required, hint);
            }
        }
        // value[3:end] and value[end + 4:]: for <em> the thesis keeps the tag's '>' and the rest starts with '>',
        // the reference's offsets
        String thesis = value.substring(Math.min(3, end), end);
        if (PythonText.isBlank(thesis)) {
            return Finding.fail("empty thesis", required, hint);
        }
        String rest = value.substring(Math.min(end + 4, value.length()));
        return Finding.of(!PythonText.isBlank(rest), PythonText.isBlank(rest) ? "nothing after the thesis"
                : "thesis and text", required, hint);
    }

    static Finding subBullets(String text) {
        List<String> parts = PythonText.split(text, "*");
        for (int i = 1; i < parts.size(); i++) {
            if (!parts.get(i).contains("-")) {
                return Finding.fail("bullet " + i + " has no '-'", "a '-' sub-bullet after every '*'",
                        "Give every '*' bullet at least one '-' sub-bullet.");
            }
        }
        return Finding.pass((parts.size() - 1) + " bullets with sub-bullets", "a '-' sub-bullet after every '*'");
    }

    static Finding noBulletsBullets(String text) {
        String required = "2+ sentences, then 2+ '*' bullets only";
        boolean inSentences = true;
        int sentences = 0;
        int bullets = 0;
        List<String> lines = PythonText.split(text, "\n");
        for (int i = 0; i < lines.size(); i++) {
            String line = PythonText.strip(lines.get(i));
            if (line.startsWith("*")) {
                inSentences = false;
                if (sentences < 2) {
                    return Finding.fail(sentences + " sentences before the first bullet", required,
                            "Write at least two sentences before the bullet points.");
                }
                bullets++;
            } else if (inSentences) {
                // the reference reuses its flag for the sentence list, so a blank line (no sentences) also ends the
                // text part: a later non-bullet line fails
                int found = IfbenchText.sentences(line).size();
                sentences += found;
                inSentences = found > 0;
            } else {
                return Finding.fail("line " + (i + 1) + " after the text is not a bullet", required,
                        "After the sentences, write only '*' bullet lines (no blank lines or trailing newline).");
            }
        }
        return Finding.of(bullets >= 2, bullets + " bullets", required,
                "Follow the sentences with at least two '*' bullet points.");
    }

    static Finding titleCase(String text) {
        for (WordToken token : NltkWordTokenizer.english().tokenizeWithSpans(text)) {
            String word = token.text();
            if (word.isEmpty() || !Character.isLetter(word.codePointAt(0))) {
                continue;
            }
            String head = IfbenchText.first(word);
            String tail = word.substring(head.length());
            boolean bad;
            if (tail.isEmpty()) {
                bad = PythonText.isLower(head);
            } else if (PythonText.isUpper(head) && PythonText.isLower(tail)) {
                bad = false;
            } else {
                bad = PythonText.isLower(head) && (PythonText.isUpper(tail) || PythonText.isLower(tail));
            }
            if (bad) {
                return Finding.fail(Hints.quote(word) + " is not capitalized", "every word capitalized",
                        "Capitalize " + Hints.quote(word) + ": every word, including short ones like 'of', starts "
                                + "with a capital.", List.of(new Evidence(token.start(), token.end(), "not capitalized")));
            }
        }
        return Finding.pass("every word capitalized", "every word capitalized");
    }

    static Finding outputTemplate(String text) {
        List<String> missing = TEMPLATE.stream().filter(part -> !text.contains(part)).toList();
        return Finding.of(missing.isEmpty(), missing.isEmpty() ? "all 3 headings" : "missing "
                + Hints.quoteAll(missing), "'My Answer:', 'My Conclusion:' and 'Future Outlook:'",
                "Use the template: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook].");
    }

    static Finding noWhitespace(String text) {
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (PythonText.isSpace(text.charAt(i))) {
                int start = i;
                while (i + 1 < text.length() && PythonText.isSpace(text.charAt(i + 1))) {
                    i++;
                }
                evidence.add(new Evidence(start, i + 1, "whitespace"));
            }
        }
        return evidence.isEmpty() ? Finding.pass("no whitespace", "no whitespace")
                : Finding.fail(evidence.size() + " whitespace runs", "no whitespace",
                        "Remove all whitespace (spaces, tabs, line breaks).", evidence);
    }
}
