package io.trace2train.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.engine.io.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void readsThePluginDirectoryRelativeToTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("t2t.conf"), "# plugins\nplugin.dir = jars\n\n");
        EngineConfig config = ConfigFile.read(file, EngineConfig.defaults());
        assertEquals(dir.resolve("jars").toAbsolutePath().normalize(), config.pluginDirectory().orElseThrow());
    }

    @Test
    void collectsEveryProblemWithLineNumbersAndSuggestions() throws Exception {
        Path file = Files.writeString(dir.resolve("t2t.conf"), "plugins.dir = x\nno equals sign\nplugin.dir =\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> ConfigFile.read(file, EngineConfig.defaults()));
        List<String> problems = e.problems().stream().map(Object::toString).toList();
        assertEquals(3, problems.size(), e.getMessage());
        assertEquals(file + ":1: unknown key 'plugins.dir'; did you mean [plugin.dir]?", problems.get(0));
        assertTrue(problems.get(1).startsWith(file + ":2: expected 'key = value'"), problems.get(1));
        assertEquals(file + ":3: 'plugin.dir' has no value", problems.get(2));
    }

    @Test
    void suggestionsPreferTheClosestAndTheSameNameInAnotherCategory() {
        List<String> known = List.of("punctuation:no_comma", "keywords:existence", "keywords:frequency");
        assertEquals(List.of("punctuation:no_comma"), Suggestions.closest("punctuation:no_commas", known, 3));
        assertEquals(List.of("keywords:frequency"), Suggestions.closest("length:frequency", known, 3));
        assertEquals(List.of(), Suggestions.closest("totally:different", known, 3));
    }
}
