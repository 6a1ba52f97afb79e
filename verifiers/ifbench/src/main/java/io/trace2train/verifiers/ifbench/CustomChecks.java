package io.trace2train.verifiers.ifbench;

import io.trace2train.api.text.PythonText;
import io.trace2train.verifiers.text.Hints;
import io.trace2train.verifiers.text.PythonRegex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code custom:*} checks: each answers one fixed prompt. */
final class CustomChecks {

    private CustomChecks() {
    }

    private static final List<String> MULTIPLES = List.of("14", "21", "28", "35", "42", "49");
    private static final Pattern DIGITS = PythonRegex.compile("\\d+", 0);
    /** The reference splits on {@code \n*(?:Question \d+[\.|\):;]?\s*)}; the leading newlines are added by hand. */
    private static final Pattern QUESTION_LABEL = PythonRegex.compile("Question \\d+[\\.|\\):;]?\\s*", 0);
    private static final Pattern OPTION_LINE = PythonRegex.compile("^[A-Ea-e][\\.|\\)]\\s*\\w+", 0);
    private static final List<String> CAPITALS = List.of("Reykjavik", "Helsinki", "Oslo", "Tallinn", "Stockholm",
            "Riga", "Moscow", "Copenhagen", "Vilnius", "Minsk", "Dublin", "Berlin", "Amsterdam", "Warsaw", "London",
            "Brussels", "Prague", "Luxembourg", "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chisinau",
            "Bern", "Ljubljana", "Zagreb");
    private static final List<String> CITY_HEADER = List.of("ID", "Country", "City", "Year", "Count");
    private static final Pattern SPECIAL_HEADER = PythonRegex.compile("^(ProductID|\"ProductID\"),[ \\t]*"
            + "(Category|\"Category\"),[ \\t]*(Brand|\"Brand\"),[ \\t]*(Price|\"Price\"),[ \\t]*(Stock|\"Stock\")$", 0);
    private static final Pattern QUOTES_HEADER = PythonRegex.compile("^(StudentID|\"StudentID\")\\t *"
            + "(Subject|\"Subject\")\\t *(Grade|\"Grade\")\\t *(Semester|\"Semester\")\\t *(Score|\"Score\")$", 0);
    private static final Pattern DATE = PythonRegex.compile("^\\d{4}-\\d{2}-\\d{2}$", 0);

    static List<IfbenchVerifierFactory> factories() {
        return List.of(
                IfbenchVerifierFactory.fixed("custom:multiples", "Count from 10 to 50 but only print multiples of 7.",
                        CustomChecks::multiples),
                IfbenchVerifierFactory.fixed("custom:mcq_count_length",
                        "4 multiple choice questions labelled 'Question', 5 options each, progressively longer.",
                        CustomChecks::mcq),
                IfbenchVerifierFactory.fixed("custom:reverse_newline",
                        "List the countries of Africa in reverse alphabetical order, each on a new line.",
                        CustomChecks::reverseNewline),
                IfbenchVerifierFactory.fixed("custom:word_reverse",
                        "Answer which animal is the US national symbol, with the sentence's words in reverse order.",
                        CustomChecks::wordReverse),
                IfbenchVerifierFactory.fixed("custom:character_reverse",
                        "Answer which animal is the US national symbol, with the sentence's letters in reverse order.",
                        CustomChecks::characterReverse),
                IfbenchVerifierFactory.fixed("custom:sentence_alphabet",
                        "A 26-sentence story whose sentences start with the letters of the alphabet in order.",
                        CustomChecks::sentenceAlphabet),
                IfbenchVerifierFactory.fixed("custom:european_capitals_sort",
                        "The European capitals north of 45 degrees, comma-separated, from north to south.",
                        CustomChecks::europeanCapitals),
                IfbenchVerifierFactory.fixed("custom:csv_city",
                        "CSV with columns ID, Country, City, Year, Count and 7 rows.", CustomChecks::csvCity),
                IfbenchVerifierFactory.fixed("custom:csv_special_character",
                        "CSV with columns ProductID, Category, Brand, Price, Stock, 14 rows, one quoted field with a "
                                + "special character.", CustomChecks::csvSpecialCharacter),
                IfbenchVerifierFactory.fixed("custom:csv_quotes",
                        "Tab-separated data with columns StudentID, Subject, Grade, Semester, Score, 3 rows, every "
                                + "field in double quotes.", CustomChecks::csvQuotes),
                IfbenchVerifierFactory.fixed("custom:date_format_list",
                        "The start dates of Napoleon's battles as YYYY-MM-DD, comma-separated, nothing else.",
                        CustomChecks::dateFormatList));
    }

    private static List<String> findAll(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    static Finding multiples(String text) {
        List<String> numbers = findAll(DIGITS, text.replace(",", ", "));
        return Finding.of(numbers.equals(MULTIPLES), "numbers " + numbers, "exactly 14 21 28 35 42 49",
                "Print only the multiples of 7 from 10 to 50: 14, 21, 28, 35, 42, 49, and no other numbers.");
    }

    static Finding mcq(String text) {
        String required = "4 questions, 5 options each, each question longer";
        int at = text.indexOf("Question");
        // value[value.find('Question'):]: without 'Question' that is the last character
        String fromQuestion = at >= 0 ? text.substring(at) : text.isEmpty() ? "" : IfbenchText.last(text);
        if (!fromQuestion.equals(text)) {
            return Finding.fail("text before the first 'Question'", required,
                    "Start with 'Question 1' and give no explanation.");
        }
        List<String> questions = new ArrayList<>();
        for (String part : splitQuestions(text)) {
            String q = PythonText.strip(part);
            if (!q.isEmpty()) {
                questions.add(q);
            }
        }
        if (questions.size() != 4) {
            return Finding.fail(questions.size() + " questions", required, "Write exactly 4 questions, each "
                    + "labelled 'Question N'.");
        }
        List<Integer> lengths = new ArrayList<>();
        for (int k = 0; k < questions.size(); k++) {
            StringBuilder questionText = new StringBuilder();
            int options = 0;
            boolean inOptions = false;
            for (String line : PythonText.split(questions.get(k), "\n")) {
                String stripped = PythonText.strip(line);
                if (OPTION_LINE.matcher(stripped).lookingAt()) {
                    options++;
                    inOptions = true;
                } else if (!inOptions) {
                    questionText.append(' ').append(stripped);
                }
            }
            if (options != 5) {
                return Finding.fail("question " + (k + 1) + " has " + options + " options", required,
                        "Give question " + (k + 1) + " exactly 5 options labelled A) to E).");
            }
            lengths.add(IfbenchText.length(PythonText.strip(questionText.toString())));
        }
        for (int k = 1; k < lengths.size(); k++) {
            if (lengths.get(k) <= lengths.get(k - 1)) {
                return Finding.fail("question lengths " + lengths, required,
                        "Make each question longer than the one before.");
            }
        }
        return Finding.pass("question lengths " + lengths, required);
    }

    /**
     * {@code re.split(r'\n*(?:Question \d+[\.|\):;]?\s*)', text)} without its quadratic retries over long runs of
     * newlines: each label match takes the newlines right before it, back to the end of the previous match.
     */
    static List<String> splitQuestions(String text) {
        List<String> parts = new ArrayList<>();
        Matcher label = QUESTION_LABEL.matcher(text);
        int previousEnd = 0;
        while (label.find()) {
            int start = label.start();
            while (start > previousEnd && text.charAt(start - 1) == '\n') {
                start--;
            }
            parts.add(text.substring(previousEnd, start));
            previousEnd = label.end();
        }
        parts.add(text.substring(previousEnd));
        return parts;
    }

    static Finding reverseNewline(String text) {
        String required = "52+ lines from Zimbabwe on, in reverse alphabetical order";
        List<String> lines = new ArrayList<>();
        for (String line : PythonText.split(text, "\n")) {
            String stripped = IfbenchText.stripPunct(line);
            if (!stripped.isEmpty()) {
                lines.add(stripped);
            }
        }
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).contains("Zimbabwe")) {
                start = i;
            }
        }
        if (start < 0) {
            return Finding.fail("no line with 'Zimbabwe'", required, "Start the list with Zimbabwe.");
        }
        List<String> target = lines.subList(start, lines.size());
        if (target.size() < 52) {
            return Finding.fail(target.size() + " lines", required, "List all the countries, one per line.");
        }
        List<String> normalized = target.stream().map(IfbenchText::asciiFold).toList();
        List<String> sorted = new ArrayList<>(normalized);
        sorted.sort(Collections.reverseOrder());
        return Finding.of(normalized.equals(sorted), target.size() + " lines", required,
                "Order the lines in reverse alphabetical order (Z to A).");
    }

    static Finding wordReverse(String text) {
        List<String> words = new ArrayList<>(PythonText.split(
                IfbenchText.deletePunct(PythonText.strip(PythonText.lower(text)))));
        Collections.reverse(words);
        String value = String.join(" ", words);
        String required = "one sentence containing 'bald eagle' once reversed";
        if (!value.contains("bald eagle")) {
            return Finding.fail("no 'bald eagle' when reversed", required,
                    "Answer (the bald eagle) in one sentence whose words are in reverse order.");
        }
        return Finding.of(IfbenchText.sentences(value).contains(value), "reversed text", required,
                "Write a single sentence, its words in reverse order.");
    }

    static Finding characterReverse(String text) {
        return Finding.of(PythonText.lower(text).contains("elgae dlab"), "reversed text",
                "contains 'elgae dlab'", "Answer (bald eagle) with the letters in reverse order: 'elgae dlab'.");
    }

    static Finding sentenceAlphabet(String text) {
        List<String> sentences = IfbenchText.sentences(text);
        String required = "26 sentences starting a to z";
        if (sentences.size() != 26) {
            return Finding.fail(sentences.size() + " sentences", required, "Write exactly 26 sentences.");
        }
        for (int i = 0; i < sentences.size(); i++) {
            List<String> words = PythonText.split(sentences.get(i));
            char letter = (char) ('a' + i);
            if (words.isEmpty() || PythonText.lower(words.getFirst()).codePointAt(0) != letter) {
                return Finding.fail("sentence " + (i + 1) + " starts " + (words.isEmpty() ? "with nothing"
                        : Hints.quote(words.getFirst())), required, "Start sentence " + (i + 1) + " with a word "
                                + "beginning with '" + letter + "'.");
            }
        }
        return Finding.pass("26 sentences a to z", required);
    }

    static Finding europeanCapitals(String text) {
        List<String> items = PythonText.split(IfbenchText.asciiFold(text), ",").stream()
                .filter(item -> !PythonText.isBlank(item)).toList();
        String required = String.join(", ", CAPITALS);
        if (items.size() != CAPITALS.size()) {
            return Finding.fail(items.size() + " items", "the 27 capitals in order",
                    "List exactly these 27 capitals, comma-separated: " + required + ".");
        }
        for (int i = 0; i < items.size(); i++) {
            if (!PythonText.strip(items.get(i)).equals(CAPITALS.get(i))) {
                return Finding.fail("item " + (i + 1) + " is " + Hints.quote(PythonText.strip(items.get(i))),
                        "the 27 capitals in order", "Item " + (i + 1) + " must be " + CAPITALS.get(i) + "; the list is: "
                                + required + ".");
            }
        }
        return Finding.pass("the 27 capitals in order", "the 27 capitals in order");
    }

    static Finding csvCity(String text) {
        String required = "header ID,Country,City,Year,Count and 7 rows of 5 fields";
        List<List<String>> rows;
        try {
            rows = PythonCsv.read(text, ',');
        } catch (PythonCsv.CsvError e) {
            return csvError(e, required);
        }
        if (rows.size() != 8) {
            return Finding.fail(rows.size() + " rows", required,
                    "Give the header and exactly 7 data rows, with no blank lines.");
        }
        if (!rows.getFirst().equals(CITY_HEADER)) {
            return Finding.fail("header " + rows.getFirst(), required,
                    "Use exactly this header line: ID,Country,City,Year,Count");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != 5) {
                return Finding.fail("row " + i + " has " + rows.get(i).size() + " fields", required,
                        "Give every row exactly 5 fields.");
            }
        }
        return Finding.pass("8 rows", required);
    }

    /** The reference raises {@code csv.Error} on such input (its run stops); here it fails with the reason. */
    private static Finding csvError(PythonCsv.CsvError e, String required) {
        return Finding.fail("not CSV: " + e.getMessage(), required, "Write plain CSV lines (no stray '\\r').");
    }

    static Finding csvSpecialCharacter(String text) {
        String required = "header ProductID,Category,Brand,Price,Stock, 14 rows, a quoted field with a special "
                + "character";
        String header = PythonText.strip(PythonText.split(text, "\n").getFirst());
        if (!SPECIAL_HEADER.matcher(header).lookingAt()) {
            return Finding.fail("header " + Hints.quote(header), required,
                    "Start with the header line ProductID,Category,Brand,Price,Stock");
        }
        List<List<String>> rows;
        try {
            // every quote tripled first, so quoted fields keep literal quotes: the reference's behaviour
            rows = PythonCsv.read(text.replace("\"", "\"\"\""), ',');
        } catch (PythonCsv.CsvError e) {
            return csvError(e, required);
        }
        if (rows.size() != 15) {
            return Finding.fail(rows.size() + " rows", required,
                    "Give the header and exactly 14 data rows, with no blank lines.");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != 5) {
                return Finding.fail("row " + i + " has " + rows.get(i).size() + " fields", required,
                        "Give every row exactly 5 fields.");
            }
            if (rows.get(i).stream().anyMatch(CustomChecks::quotedSpecial)) {
                return Finding.pass("quoted special field in row " + i, required);
            }
        }
        return Finding.fail("no quoted field with a special character", required,
                "Enclose one field that contains a special character (e.g. & or -) in double quotes.");
    }

    /**
     * {@code re.match(r'".*[^\d\w\s].*"', field)} in one pass (the regex backtracks quadratically on a long field):
     * '.' stops at a line break, so within the first line the field starts with a quote, and some character that is
     * neither a word character nor whitespace comes before a later quote (a quote is such a character itself).
     */
    static boolean quotedSpecial(String field) {
        int lineEnd = field.indexOf('\n');
        String line = lineEnd < 0 ? field : field.substring(0, lineEnd);
        int lastQuote = line.lastIndexOf('"');
        if (!line.startsWith("\"") || lastQuote < 2) {
            return false;
        }
        for (int i = 1; i < lastQuote; ) {
            int c = line.codePointAt(i);
            if (!PythonText.isWordChar(c) && !PythonText.isSpace(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    static Finding csvQuotes(String text) {
        String required = "tab-separated header StudentID..Score and 3 rows, every field quoted";
        String header = PythonText.strip(PythonText.split(text, "\n").getFirst());
        if (!QUOTES_HEADER.matcher(header).lookingAt()) {
            return Finding.fail("header " + Hints.quote(header), required,
                    "Start with the tab-separated header \"StudentID\" \"Subject\" \"Grade\" \"Semester\" \"Score\".");
        }
        List<List<String>> rows;
        try {
            rows = PythonCsv.read(text.replace("\"", "\"\"\""), '\t');
        } catch (PythonCsv.CsvError e) {
            return csvError(e, required);
        }
        if (rows.size() != 4) {
            return Finding.fail(rows.size() + " rows", required,
                    "Give the header and exactly 3 data rows, with no blank lines.");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != 5) {
                return Finding.fail("row " + i + " has " + rows.get(i).size() + " fields", required,
                        "Give every row exactly 5 tab-separated fields.");
            }
            for (String field : rows.get(i)) {
                String stripped = PythonText.strip(field);
                // an empty field raises IndexError in the reference; it cannot be quoted, so it fails here
                if (stripped.isEmpty() || !stripped.startsWith("\"") || !stripped.endsWith("\"")) {
                    return Finding.fail("row " + i + " has an unquoted field " + Hints.quote(field), required,
                            "Enclose every field, the header's too, in double quotes.");
                }
            }
        }
        return Finding.pass("4 rows, all quoted", required);
    }

    static Finding dateFormatList(String text) {
        String required = "YYYY-MM-DD dates from 1769 to 1821, comma-separated";
        for (String item : PythonText.split(PythonText.strip(text), ",")) {
            String date = PythonText.strip(item);
            if (!DATE.matcher(date).lookingAt()) {
                return Finding.fail("item " + Hints.quote(date), required,
                        "List only dates as YYYY-MM-DD, separated by commas, with no other text.");
            }
            // int() reads any Unicode decimal digits, as Integer.parseInt does
            String[] parts = date.split("-");
            int year = Integer.parseInt(parts[0]);
            int month = Integer.parseInt(parts[1]);
            int day = Integer.parseInt(parts[2]);
            int maxDay = switch (month) {
                case 1, 3, 5, 7, 8, 10, 12 -> 31;
                case 4, 6, 9, 11 -> 30;
                case 2 -> 29;
                default -> Integer.MAX_VALUE; // month 00 and its days pass: the reference's behaviour
            };
            if (year < 1769 || year > 1821 || month > 12 || day > maxDay) {
                return Finding.fail("date " + Hints.quote(date), required,
                        "Date " + Hints.quote(date) + " is not a valid date within Napoleon's lifetime (1769-1821).");
            }
        }
        return Finding.pass("all dates valid", required);
    }
}
