package io.trace2train.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Assembles a real plugin jar at test time: compiles Java sources against the test class path (which holds the api)
 * with the JDK's compiler, adds resources such as the ServiceLoader file, and writes the jar.
 */
public final class PluginJarBuilder {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();

    /** Adds a class; {@code className} is fully qualified. */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Declares {@code pluginClass} in {@code META-INF/services/io.trace2train.api.plugin.Plugin}. */
    public PluginJarBuilder service(String... pluginClasses) {
        return resource("META-INF/services/io.trace2train.api.plugin.Plugin", String.join("\n", pluginClasses) + "\n");
    }

    public PluginJarBuilder resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    /** Compiles and writes the jar; fails the test with the compiler's output when a source does not compile. */
    public Path build(Path jar) throws IOException {
        Path work = Files.createTempDirectory("plugin-src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "21", "-proc:none", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        if (!sources.isEmpty()) {
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            var errors = new java.io.ByteArrayOutputStream();
            int status = compiler.run(null, errors, errors, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new AssertionError("test plugin does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                put(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(bytes);
        out.closeEntry();
    }

    /**
     * Source of a plugin named {@code pluginName} whose one verifier {@code verifierId} passes when the response ends
     * with {@code suffix}; a realistic third-party verifier written only against the api.
     */
    public static PluginJarBuilder endsWithPlugin(String packageName, String pluginName, String verifierId) {
        String code = """
                package %1$s;

                import io.trace2train.api.plugin.Plugin;
                import io.trace2train.api.param.*;
                import io.trace2train.api.verify.*;
                import java.util.List;

                public final class EndsWithPlugin implements Plugin {
                    public String name() { return "%2$s"; }

                    public List<VerifierFactory> verifierFactories() {
                        return List.of(new VerifierFactory() {
                            public String id() { return "%3$s"; }
                            public String version() { return "2.1.0"; }
                            public String description() { return "The response ends with the given suffix."; }
                            public List<ParameterSpec> parameters() {
                                return List.of(ParameterSpec.required("suffix", ParameterType.STRING, "the ending"));
                            }
                            public Verifier create(VerifierArguments arguments) {
                                String suffix = arguments.string("suffix");
                                return new Verifier() {
                                    public String id() { return "%3$s"; }
                                    public String version() { return "2.1.0"; }
                                    public Verdict check(String response) {
                                        return Verdict.of(this, response.endsWith(suffix), null, "ends with " + suffix,
                                                "End the response with " + suffix, List.of());
                                    }
                                };
                            }
                        });
                    }
                }
                """.formatted(packageName, pluginName, verifierId);
        return new PluginJarBuilder().source(packageName + ".EndsWithPlugin", code)
                .service(packageName + ".EndsWithPlugin");
    }

    /**
     * Source of a plugin named {@code pluginName} whose one environment {@code environmentName} (version
     * {@code version}) is a counter with one tool, {@code add}, that adds the integer it is given.
     */
    public static PluginJarBuilder counterEnvironmentPlugin(String packageName, String pluginName,
            String environmentName, String version) {
        String code = """
                package %1$s;

                import io.trace2train.api.env.*;
                import io.trace2train.api.plugin.Plugin;
                import io.trace2train.api.param.ParameterSpec;
                import io.trace2train.api.param.ParameterType;
                import java.util.List;
                import java.util.Map;

                public final class CounterPlugin implements Plugin {
                    public String name() { return "%2$s"; }

                    public List<EnvironmentFactory> environmentFactories() {
                        return List.of(new EnvironmentFactory() {
                            public String name() { return "%3$s"; }
                            public String version() { return %4$s; }
                            public String description() { return "A counter."; }
                            public List<ParameterSpec> options() {
                                return List.of(ParameterSpec.optional("start", ParameterType.INTEGER, "first value"));
                            }
                            public Environment create(Map<String, String> options) {
                                return new Counter(Integer.parseInt(options.getOrDefault("start", "0")));
                            }
                        });
                    }

                    static final class Counter implements Environment {
                        private final int start;
                        private int value;
                        Counter(int start) { this.start = start; this.value = start; }
                        public List<ToolDefinition> tools() {
                            return List.of(new ToolDefinition("add", "Adds n.", java.util.Map.of("type", "object")));
                        }
                        public ToolResult execute(ToolCall call) {
                            if (!call.name().equals("add")) return ToolResult.failed("Error: unknown tool " + call.name());
                            value += Integer.parseInt(call.arguments().trim());
                            return ToolResult.ok(Integer.toString(value));
                        }
                        public Environment copy() { Counter c = new Counter(start); c.value = value; return c; }
                        public void reset() { value = start; }
                        public String stateDigest() { return Integer.toHexString(value); }
                    }
                }
                """.formatted(packageName, pluginName, environmentName, version == null ? "null" : '"' + version + '"');
        return new PluginJarBuilder().source(packageName + ".CounterPlugin", code)
                .service(packageName + ".CounterPlugin");
    }
}
