package io.trace2train.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trace2train.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hugging Face dataset card ({@code README.md}) of the folder an export is written to: its YAML header names one
 * config per export file ({@code configs: [{config_name, data_files}]}) and declares each file's column types
 * ({@code dataset_info: [{config_name, features}]}), which {@code datasets.load_dataset(FOLDER, CONFIG)} reads, so
 * that a column null in every row of one file keeps its type. Each export rewrites its own config and section and
 * keeps the others; a {@code README.md} that trace2train did not write is left alone.
 */
public final class DatasetCard {

    public static final String FILE = "README.md";

    /** Marks a card as trace2train's: only such a card is rewritten. */
    static final String MARKER = "<!-- trace2train dataset card:";

    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\n(.*?)\\n---\\n(.*)\\z", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile(
            "<!-- trace2train:config (\\S+) -->\\n.*?<!-- /trace2train:config \\1 -->\\n", Pattern.DOTALL);
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DatasetCard() {
    }

    /** The config an export file gets: its name without {@code .jsonl}, in the characters config names take. */
    static String configName(Path dataFile) {
        String name = dataFile.getFileName().toString().replaceFirst("\\.jsonl?$", "");
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * Declares {@code dataFile} in its folder's card, replacing what the card said of it before.
     *
     * @param section the card's text about the file (markdown)
     * @return the card, or empty when the folder's {@code README.md} is not trace2train's (it is left alone)
     */
    public static Optional<Path> update(Path dataFile, DatasetFeatures features, String section) throws IOException {
        Path card = dataFile.toAbsolutePath().getParent().resolve(FILE);
        String config = configName(dataFile);
        ObjectNode header = NODES.objectNode();
        Map<String, String> sections = new LinkedHashMap<>();
        if (Files.exists(card)) {
            String old = Files.readString(card, StandardCharsets.UTF_8).replace("\r\n", "\n");
            Matcher matcher = FRONT_MATTER.matcher(old);
            if (!matcher.matches() || !matcher.group(2).contains(MARKER)) {
                return Optional.empty();
            }
            if (YAML.readTree(matcher.group(1)) instanceof ObjectNode parsed) {
                header = parsed;
            }
            Matcher each = SECTION.matcher(matcher.group(2));
            while (each.find()) {
                sections.put(each.group(1), each.group());
            }
        }
        replace(header, "configs", config, configEntry(config, dataFile.getFileName().toString()));
        replace(header, "dataset_info", config, infoEntry(config, features));
        sections.put(config, "<!-- trace2train:config " + config + " -->\n" + section.strip() + "\n"
                + "<!-- /trace2train:config " + config + " -->\n");
        String yaml = YAML.writeValueAsString(header);
        StringBuilder text = new StringBuilder("---\n").append(yaml).append(yaml.endsWith("\n") ? "" : "\n")
                .append("---\n").append(intro());
        List<String> order = new ArrayList<>();
        header.withArray("configs").forEach(c -> order.add(c.path("config_name").asText()));
        order.stream().filter(sections::containsKey).forEach(name -> text.append('\n').append(sections.get(name)));
        AtomicFiles.write(card, w -> w.write(text.toString()));
        return Optional.of(card);
    }

    /** Puts {@code entry} in the header's list {@code key} in place of the entry of the same config, or last. */
    private static void replace(ObjectNode header, String key, String config, ObjectNode entry) {
        ArrayNode list = header.get(key) instanceof ArrayNode existing ? existing : NODES.arrayNode();
        ArrayNode updated = NODES.arrayNode();
        boolean placed = false;
        for (JsonNode item : list) {
            if (config.equals(item.path("config_name").asText(null))) {
                updated.add(entry);
                placed = true;
            } else {
                updated.add(item);
            }
        }
        if (!placed) {
            updated.add(entry);
        }
        header.set(key, updated);
    }

    private static ObjectNode configEntry(String config, String file) {
        ObjectNode entry = NODES.objectNode().put("config_name", config);
        entry.putArray("data_files").addObject().put("split", "train").put("path", file);
        return entry;
    }

    private static ObjectNode infoEntry(String config, DatasetFeatures features) {
        ObjectNode entry = NODES.objectNode().put("config_name", config);
        entry.set("features", YAML.valueToTree(features.yaml()));
        return entry;
    }

    private static String intro() {
        return "\n# Training data exported by trace2train\n\n"
                + MARKER + " `trace2train export` rewrites the YAML header and the sections between its markers"
                + " -->\n\n"
                + "Each config is one export file. The header declares every column's type (`dataset_info.features`),"
                + " so that a column that is null in every row of one file (a repair-only run has no `fork` and no"
                + " `seed`) still has its type:\n\n"
                + "```python\n"
                + "from datasets import load_dataset, load_dataset_builder\n"
                + "ds = load_dataset(\"FOLDER\", \"CONFIG\", split=\"train\")\n"
                + "# files of the same format from several folders, with one set of types:\n"
                + "features = load_dataset_builder(\"FOLDER\", \"CONFIG\").info.features\n"
                + "ds = load_dataset(\"json\", data_files=[\"a/dpo.jsonl\", \"b/dpo.jsonl\"], features=features)\n"
                + "```\n";
    }
}
