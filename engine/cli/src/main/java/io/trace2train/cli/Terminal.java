package io.trace2train.cli;

import java.io.Console;

/**
 * Whether standard output and standard error are terminals, so colours and a live progress bar go only where a
 * person watches. The launcher tests each stream and says so ({@code -Dtrace2train.tty.out}, {@code .err}); without
 * it, the JVM's console decides (on JDK 22+ it exists even when redirected, so its {@code isTerminal()} is asked).
 */
final class Terminal {

    private Terminal() {
    }

    static boolean out() {
        return stream("trace2train.tty.out");
    }

    static boolean err() {
        return stream("trace2train.tty.err");
    }

    private static boolean stream(String property) {
        String said = System.getProperty(property);
        return said != null ? Boolean.parseBoolean(said) : console();
    }

    private static boolean console() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only when both streams are terminals
        }
    }
}
