package io.trace2train.backends.llamacpp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.backend.TokenListener;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import io.trace2train.backends.llamacpp.gguf.GgufReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A GGUF model run by llama.cpp (through de.kherud:llama's bundled natives). Each call samples with the request's
 * seed, temperature and top-p alone (llama.cpp's other samplers, top-k, min-p and penalties, are switched off so the
 * settings mean what they mean for every backend), stops at end of sequence, stop sequences (not part of the text)
 * or max new tokens, and checks for interruption after every token. Calls are serialised: one model, one context.
 */
final class LlamaCppBackend implements ModelBackend {

    /** How the model is run. */
    record Settings(int threads, int context, Optional<String> chatTemplate, boolean raw) {
        Settings {
            requireNonNull(chatTemplate, "chatTemplate");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_CONTEXT = 4096;

    static {
        // llama.cpp logs every load and generation to stderr; errors reach the caller as exceptions
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
        });
    }

    private final LlamaModel model;
    private final ModelInfo info;
    private final boolean raw;
    private final boolean hasTemplate;
    private final int context;
    private final boolean addBos;

    private LlamaCppBackend(LlamaModel model, ModelInfo info, boolean raw, boolean hasTemplate, int context,
            boolean addBos) {
        this.addBos = addBos;
        this.model = model;
        this.info = info;
        this.raw = raw;
        this.hasTemplate = hasTemplate;
        this.context = context;
    }

    static LlamaCppBackend load(Path file, Settings settings) {
        GgufReader gguf;
        try {
            gguf = GgufReader.open(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidArgumentsException("backend llamacpp", "model", "cannot read " + file + ": "
                    + e.getMessage());
        }
        String arch = String.valueOf(gguf.metadata().get("general.architecture"));
        int trained = gguf.metadata().get(arch + ".context_length") instanceof Long n ? (int) Math.min(n,
                Integer.MAX_VALUE) : DEFAULT_CONTEXT;
        int context = settings.context() > 0 ? settings.context() : Math.min(trained, DEFAULT_CONTEXT);
        ModelParameters parameters = new ModelParameters().setModel(file.toString()).setThreads(settings.threads())
                .setThreadsBatch(settings.threads()).setCtxSize(context).setParallel(1).enableJinja().disableLog();
        settings.chatTemplate().ifPresent(parameters::setChatTemplate);
        LlamaModel model;
        try {
            model = new LlamaModel(parameters);
        } catch (RuntimeException | UnsatisfiedLinkError e) { // LlamaException is not public
            throw new InvalidArgumentsException("backend llamacpp", "model", "llama.cpp cannot load " + file + ": "
                    + e.getMessage());
        }
        Object name = gguf.metadata().get("general.name");
        ModelInfo info = new ModelInfo(LlamaCppBackendFactory.NAME, name instanceof String s && !s.isBlank() ? s
                : file.getFileName().toString(), "sha256:" + sha256(file));
        boolean hasTemplate = settings.chatTemplate().isPresent()
                || gguf.metadata().get("tokenizer.chat_template") instanceof String;
        // llama.cpp's encode leaves out the beginning-of-sequence token its completion adds
        boolean addBos = Boolean.TRUE.equals(gguf.metadata().get("tokenizer.ggml.add_bos_token"));
        return new LlamaCppBackend(model, info, settings.raw(), hasTemplate, context, addBos);
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public boolean canGenerate() {
        return true;
    }

    @Override
    public void preflight() {
        if (!raw && !hasTemplate) {
            throw new InvalidArgumentsException("backend llamacpp", "raw", info.name() + " has no chat template"
                    + " (tokenizer.chat_template in the GGUF file): run it with raw=true (--raw), give one with"
                    + " chat-template=FILE, or use an instruction-tuned model");
        }
    }

    @Override
    public Generation generate(GenerationRequest request) {
        return generate(request, TokenListener.NONE);
    }

    @Override
    public synchronized Generation generate(GenerationRequest request, TokenListener listener) {
        long start = System.nanoTime();
        if (!request.tools().isEmpty()
                || request.messages().stream().anyMatch(m -> m.role() == Role.TOOL || m.callsTools())) {
            throw new BackendException(info.name() + ": the llamacpp backend does not offer tools; use jlama on a"
                    + " model whose template renders tools, or the langchain4j backend", false);
        }
        String prompt = promptText(request.messages());
        int promptTokens = model.encode(prompt).length + (addBos ? 1 : 0);
        if (promptTokens >= context) {
            throw new BackendException("the prompt has " + promptTokens + " tokens, the context " + context
                    + ": no room to generate (raise context=N)", false);
        }
        GenerationSettings settings = request.settings();
        InferenceParameters parameters = new InferenceParameters(prompt)
                .setTemperature((float) settings.temperature()).setTopP((float) settings.topP()).setTopK(0)
                .setMinP(0).setRepeatPenalty(1).setPresencePenalty(0).setFrequencyPenalty(0)
                .setSeed(seed(settings.seed())).setNPredict(Math.min(settings.maxNewTokens(), context - promptTokens))
                .setCachePrompt(false);
        if (!settings.stop().isEmpty()) {
            parameters.setStopStrings(settings.stop().toArray(String[]::new));
        }
        StringBuilder text = new StringBuilder();
        int generated = 0;
        LlamaIterator tokens = model.generate(parameters).iterator();
        try {
            while (tokens.hasNext()) {
                LlamaOutput output = tokens.next();
                text.append(output.text);
                if (!tokens.hasNext() && output.text.isEmpty()) {
                    break; // the stop message that ends every stream: no token
                }
                listener.onToken();
                generated++;
                if (Thread.currentThread().isInterrupted()) {
                    tokens.cancel();
                    throw new BackendException("generation interrupted (" + generated + " tokens generated)", false);
                }
            }
        } catch (BackendException e) {
            throw e;
        } catch (RuntimeException e) { // LlamaException is not public
            throw new BackendException("llama.cpp failed while generating: " + e.getMessage(), false, e);
        }
        return new Generation(text.toString(), promptTokens, Math.min(generated, settings.maxNewTokens()),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The text the model continues: the chat template's rendering, or in raw mode the messages' contents. */
    String promptText(List<ChatMessage> messages) {
        if (raw) {
            return String.join("\n", messages.stream().map(ChatMessage::content).toList());
        }
        if (!hasTemplate) {
            throw new BackendException(info.name() + " has no chat template: run it with raw=true (--raw)", false);
        }
        ObjectNode request = JSON.createObjectNode();
        ArrayNode list = request.putArray("messages");
        for (ChatMessage message : messages) {
            list.addObject().put("role", message.role().json()).put("content", message.content());
        }
        return model.applyTemplate(request.toString());
    }

    /** llama.cpp's seed is 32 bits, and 0xFFFFFFFF means "draw one at random": fold a long into the others. */
    static int seed(long seed) {
        return (int) Math.floorMod(seed, 0xFFFF_FFFFL);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new InvalidArgumentsException("backend llamacpp", "model", "cannot read " + file + ": " + e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        model.close();
    }
}
