package io.trace2train.verifiers.ifbench;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code list(csv.reader(io.StringIO(text), delimiter=d))} with the excel dialect (quote {@code "},
 * doubled quotes, not strict, no escape char, no initial-space skipping), as CPython's {@code _csv.c} parses it. Its
 * details differ from commons-csv's: a blank line is an empty row, text after a closing quote joins the field
 * ({@code "ab"c} is {@code abc}), a quote inside an unquoted field is literal, an unclosed quote runs to the end of
 * the input, and a lone {@code \r} inside an unquoted line is an error.
 */
final class PythonCsv {

    private enum State {
        START_RECORD, START_FIELD, IN_FIELD, IN_QUOTED_FIELD, QUOTE_IN_QUOTED_FIELD, EAT_CRNL
    }

    /** Python's {@code csv.Error}: the reference's check would raise instead of answering. */
    static final class CsvError extends Exception {
        private static final long serialVersionUID = 1L;

        CsvError(String message) {
            super(message);
        }
    }

    private static final char QUOTE = '"';
    /** The end-of-line signal the C parser gets after each line ({@code EOL}, not a character). */
    private static final int EOL = -1;

    private final char delimiter;
    private final List<List<String>> rows = new ArrayList<>();
    private List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean fieldStarted;
    private State state = State.START_RECORD;

    private PythonCsv(char delimiter) {
        this.delimiter = delimiter;
    }

    /** The rows of {@code text}; lines end at {@code \n} only, as {@code io.StringIO} yields them. */
    static List<List<String>> read(String text, char delimiter) throws CsvError {
        PythonCsv parser = new PythonCsv(delimiter);
        int from = 0;
        while (from < text.length()) {
            int newline = text.indexOf('\n', from);
            int end = newline < 0 ? text.length() : newline + 1;
            for (int i = from; i < end; i++) {
                parser.process(text.charAt(i));
            }
            parser.process(EOL);
            if (parser.state == State.START_RECORD) {
                parser.rows.add(parser.fields);
                parser.fields = new ArrayList<>();
            }
            from = end;
        }
        // at the end of input a record still open (an unclosed quote) is saved with what it has
        if (parser.fieldStarted || parser.state == State.IN_QUOTED_FIELD) {
            parser.saveField();
            parser.rows.add(parser.fields);
        }
        return parser.rows;
    }

    private void process(int c) throws CsvError {
        boolean lineEnd = c == '\n' || c == '\r' || c == EOL;
        switch (state) {
            case START_RECORD -> {
                if (c == EOL) {
                    return; // an empty line: an empty row
                }
                if (c == '\n' || c == '\r') {
                    state = State.EAT_CRNL;
                    return;
                }
                state = State.START_FIELD;
                startField(c, lineEnd);
            }
            case START_FIELD -> startField(c, lineEnd);
            case IN_FIELD -> {
                if (lineEnd) {
                    saveField();
                    state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
                } else if (c == delimiter) {
                    saveField();
                    state = State.START_FIELD;
                } else {
                    add(c);
                }
            }
            case IN_QUOTED_FIELD -> {
                if (c == EOL) {
                    return;
                }
                if (c == QUOTE) {
                    state = State.QUOTE_IN_QUOTED_FIELD;
                } else {
                    add(c);
                }
            }
            case QUOTE_IN_QUOTED_FIELD -> {
                if (c == QUOTE) {
                    add(c);
                    state = State.IN_QUOTED_FIELD;
                } else if (c == delimiter) {
                    saveField();
                    state = State.START_FIELD;
                } else if (lineEnd) {
                    saveField();
                    state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
                } else {
                    add(c); // not strict: text after the closing quote joins the field
                    state = State.IN_FIELD;
                }
            }
            case EAT_CRNL -> {
                if (c == EOL) {
                    state = State.START_RECORD;
                } else if (c != '\n' && c != '\r') {
                    throw new CsvError("new-line character seen in unquoted field");
                }
            }
        }
    }

    private void startField(int c, boolean lineEnd) {
        if (lineEnd) {
            saveField();
            state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
        } else if (c == QUOTE) {
            state = State.IN_QUOTED_FIELD;
        } else if (c == delimiter) {
            saveField();
        } else {
            add(c);
            state = State.IN_FIELD;
        }
    }

    private void add(int c) {
        field.append((char) c);
        fieldStarted = true;
    }

    private void saveField() {
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
    }
}
