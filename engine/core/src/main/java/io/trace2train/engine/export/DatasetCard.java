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

    /**
     * A split's published data file.
     *
     * @param split {@code train} or {@code validation}
     * @param file the file
     * @param rows its rows
     * @param bytes its size
     */
    public record SplitFile(String split, Path file, long rows, long bytes) {
        public SplitFile {
            java.util.Objects.requireNonNull(split, "split");
            java.util.Objects.requireNonNull(file, "file");
        }
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
        return update(dataFile, features, section, List.of());
    }

    /**
     * As {@link #update(Path, DatasetFeatures, String)}, for an export split into {@code splits} (empty: one
     * {@code train} split, the file itself): the config names each split's file and its rows.
     */
    public static Optional<Path> update(Path dataFile, DatasetFeatures features, String section,
            List<SplitFile> splits) throws IOException {
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
        Path folder = dataFile.toAbsolutePath().getParent();
        replace(header, "configs", config, configEntry(config, splits.isEmpty()
                ? Map.of("train", dataFile.getFileName().toString()) : paths(folder, splits)));
        ObjectNode info = infoEntry(config, features);
        if (!splits.isEmpty()) {
            info.set("splits", splitsNode(splits));
        }
        replace(header, "dataset_info", config, info);
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

    private static ObjectNode configEntry(String config, Map<String, String> files) {
        ObjectNode entry = NODES.objectNode().put("config_name", config);
        ArrayNode dataFiles = entry.putArray("data_files");
        files.forEach((split, path) -> dataFiles.addObject().put("split", split).put("path", path));
        return entry;
    }

    /** Each split's file relative to the card's folder, in the card's '/' form. */
    private static Map<String, String> paths(Path folder, List<SplitFile> splits) {
        Map<String, String> paths = new LinkedHashMap<>();
        splits.forEach(s -> paths.put(s.split(), folder.relativize(s.file().toAbsolutePath()).toString()
                .replace('\\', '/')));
        return paths;
    }

    /** {@code dataset_info.splits}: each split's rows and bytes (the data file's size). */
    private static ArrayNode splitsNode(List<SplitFile> splits) {
        ArrayNode list = NODES.arrayNode();
        splits.forEach(s -> list.addObject().put("name", s.split()).put("num_bytes", s.bytes())
                .put("num_examples", s.rows()));
        return list;
    }

    /**
     * Writes the card of a Hub dataset folder ({@code README.md} beside {@code data/}): one {@code default} config
     * whose splits read {@code data/SPLIT-*.parquet}, the features, each split's rows and bytes, the inputs'
     * licenses, and the export's text with its runs' provenance. The folder is the export's own: the card is
     * written whole.
     *
     * @param licenses the inputs' licenses as the Hub names them ({@code apache-2.0}, {@code mit}, {@code unknown})
     */
    public static Path writeHub(Path folder, DatasetFeatures features, List<SplitFile> splits, String section,
            List<String> licenses) throws IOException {
        ObjectNode header = NODES.objectNode();
        if (licenses.size() == 1) {
            header.put("license", licenses.getFirst());
        } else if (!licenses.isEmpty()) {
            ArrayNode list = header.putArray("license");
            licenses.forEach(list::add);
        }
        Map<String, String> globs = new LinkedHashMap<>();
        splits.forEach(s -> globs.put(s.split(), "data/" + s.split() + "-*.parquet"));
        header.putArray("configs").add(configEntry("default", globs));
        ObjectNode info = NODES.objectNode();
        info.set("features", YAML.valueToTree(features.yaml()));
        info.set("splits", splitsNode(splits));
        long bytes = splits.stream().mapToLong(SplitFile::bytes).sum();
        info.put("download_size", bytes).put("dataset_size", bytes);
        header.set("dataset_info", info);
        String yaml = YAML.writeValueAsString(header);
        String text = "---\n" + yaml + (yaml.endsWith("\n") ? "" : "\n") + "---\n\n# Training data exported by trace2train\n\n"
                + MARKER + " `trace2train export --output-format parquet` writes this card whole -->\n\n"
                + "The Parquet files' schema is the `dataset_info.features` above (tools and a tool call's arguments"
                + " are `Json` features, stored as JSON text):\n\n"
                + "```python\nfrom datasets import load_dataset\nds = load_dataset(\"FOLDER\")"
                + "  # or load_dataset(\"parquet\", data_dir=\"FOLDER/data\")\n```\n\n"
                + section.strip() + "\n\nInput licenses: " + (licenses.isEmpty() ? "none found" : String.join(", ", licenses))
                + ".\n";
        Path card = folder.resolve(FILE);
        AtomicFiles.write(card, w -> w.write(text));
        return card;
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
