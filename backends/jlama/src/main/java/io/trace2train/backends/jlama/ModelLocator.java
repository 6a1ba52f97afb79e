package io.trace2train.backends.jlama;

import io.trace2train.api.param.InvalidArgumentsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the folder of a Hugging Face model named {@code OWNER/NAME}: in the Hugging Face hub cache (its
 * {@code models--OWNER--NAME/snapshots/REVISION} layout, so models fetched by other tools are reused), then in
 * trace2train's own cache, and otherwise downloads it from the hub ({@code HF_ENDPOINT}, default huggingface.co) into
 * trace2train's cache, each file written to a temporary name first and renamed when complete.
 */
final class ModelLocator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final List<String> REQUIRED = List.of("config.json", "tokenizer.json", "tokenizer_config.json");
    private static final Pattern SHARD = Pattern.compile("\"([^\"]+\\.safetensors)\"");

    private final Map<String, String> env;
    private final Path home;

    ModelLocator(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    static ModelLocator fromEnvironment() {
        return new ModelLocator(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    Path locate(String model) {
        if (!NAME.matcher(model).matches()) {
            throw new InvalidArgumentsException("backend jlama", "model", "expected OWNER/NAME as on the Hugging Face"
                    + " hub (e.g. Qwen/Qwen2.5-0.5B-Instruct), got '" + model + "'");
        }
        Path hub = hubCache().resolve("models--" + model.replace("/", "--"));
        Path refMain = hub.resolve("refs/main");
        try {
            if (Files.isRegularFile(refMain)) {
                Path snapshot = hub.resolve("snapshots").resolve(Files.readString(refMain).strip());
                if (complete(snapshot)) {
                    return snapshot;
                }
            }
            Path own = ownCache().resolve(model);
            if (complete(own)) {
                return own;
            }
            return download(model, own);
        } catch (IOException e) {
            throw new InvalidArgumentsException("backend jlama", "model", "cannot fetch " + model + " from "
                    + endpoint() + " (" + e.getMessage() + "); download it elsewhere and pass --model-dir, or put it"
                    + " in the Hugging Face cache " + hubCache());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidArgumentsException("backend jlama", "model", "interrupted while fetching " + model);
        }
    }

    private Path hubCache() {
        if (env.containsKey("HF_HUB_CACHE")) {
            return Path.of(env.get("HF_HUB_CACHE"));
        }
        return env.containsKey("HF_HOME") ? Path.of(env.get("HF_HOME"), "hub")
                : home.resolve(".cache/huggingface/hub");
    }

    private Path ownCache() {
        return env.containsKey("TRACE2TRAIN_CACHE") ? Path.of(env.get("TRACE2TRAIN_CACHE"), "models")
                : home.resolve(".cache/trace2train/models");
    }

    private String endpoint() {
        return env.getOrDefault("HF_ENDPOINT", "https://huggingface.co");
    }

    private static boolean complete(Path folder) {
        return REQUIRED.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)))
                && (Files.isRegularFile(folder.resolve("model.safetensors"))
                        || Files.isRegularFile(folder.resolve("model.safetensors.index.json")));
    }

    private Path download(String model, Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        for (String file : REQUIRED) {
            fetch(client, model, file, folder);
        }
        if (!fetchIfPresent(client, model, "model.safetensors", folder)) {
            fetch(client, model, "model.safetensors.index.json", folder);
            String index = Files.readString(folder.resolve("model.safetensors.index.json"));
            List<String> shards = new ArrayList<>();
            SHARD.matcher(index).results().map(m -> m.group(1)).distinct().forEach(shards::add);
            for (String shard : shards) {
                fetch(client, model, shard, folder);
            }
        }
        fetchIfPresent(client, model, "generation_config.json", folder);
        return folder;
    }

    private void fetch(HttpClient client, String model, String file, Path folder)
            throws IOException, InterruptedException {
        if (!fetchIfPresent(client, model, file, folder)) {
            throw new IOException(model + " has no " + file);
        }
    }

    private boolean fetchIfPresent(HttpClient client, String model, String file, Path folder)
            throws IOException, InterruptedException {
        Path target = folder.resolve(file);
        if (Files.isRegularFile(target)) {
            return true;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/" + model + "/resolve/main/" + file))
                .timeout(Duration.ofMinutes(30)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                return false;
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + file);
            }
            Path part = folder.resolve(file + ".part");
            Files.copy(body, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }
}
