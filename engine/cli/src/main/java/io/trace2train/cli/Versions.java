package io.trace2train.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}: the one Maven stamped into the jar's manifest. */
final class Versions implements CommandLine.IVersionProvider {

    static String engine() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"trace2train " + engine(), "Java " + Runtime.version()};
    }
}
