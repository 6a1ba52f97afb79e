package io.trace2train.backends.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.Config;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.backend.TokenListener;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
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
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A local model run by Jlama. Decoding is this class's own loop over Jlama's forward pass, because Jlama's sampler
 * draws from an unseeded random source and knows no top-p: here each generation samples with a generator seeded
 * from the request's seed (the same seed gives the same text), applies temperature and top-p, counts only generated
 * tokens against max new tokens, and stops at end-of-sequence tokens and stop sequences. Calls are serialised: one
 * model, one generation at a time.
 */
@SuppressWarnings("rawtypes") // jlama's tensors are generic in their vector type, which its own API leaves raw
final class JlamaBackend implements ModelBackend {

    private final AbstractModel model;
    private final Config config;
    private final ModelInfo info;
    private final boolean raw;
    private final boolean addBos;
    private final Optional<ChatTemplate> template;

    private JlamaBackend(AbstractModel model, ModelInfo info, boolean raw) {
        this.model = model;
        this.config = model.getConfig();
        this.info = info;
        this.raw = raw;
        this.addBos = BosToken.added(model);
        var tokenizer = model.getTokenizer().getModel();
        String eos = tokenizer.eosToken() == null ? "" : tokenizer.eosToken();
        this.template = tokenizer.promptTemplates().map(templates -> templates.get("default"))
                .map(source -> new ChatTemplate(source, eos));
    }

    /**
     * @param workingType the type of activations and the key-value cache
     * @param workingQuantization the type activations are quantised to before a product with quantised weights
     */
    static JlamaBackend load(Path folder, DType workingType, DType workingQuantization, boolean raw) {
        AbstractModel model;
        try {
            model = ModelSupport.loadModel(folder.toFile(), workingType, workingQuantization);
        } catch (RuntimeException e) {
            throw new InvalidArgumentsException("backend jlama", "model-dir", "Jlama cannot load " + folder + ": "
                    + JlamaErrors.explain(e));
        }
        return new JlamaBackend(model, new ModelInfo(JlamaBackendFactory.NAME, folder.getFileName().toString(),
                "sha256:" + weightsDigest(folder)), raw);
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public boolean canGenerate() {
        return true;
    }

    /** Without raw mode every call renders the chat template: a model without one would fail every unit. */
    @Override
    public void preflight() {
        if (!raw && template.isEmpty()) {
            throw new InvalidArgumentsException("backend jlama", "raw", info.name() + " has no chat template in"
                    + " tokenizer_config.json (a base model): run it with raw=true (--raw), or use an instruction-tuned"
                    + " model");
        }
    }

    /** Where the chat template renders tools: Qwen2.5's {@code <tools>} and {@code <tool_call>} convention. */
    @Override
    public boolean supportsTools() {
        return !raw && template.map(ChatTemplate::supportsTools).orElse(false);
    }

    @Override
    public Generation generate(GenerationRequest request) {
        return generate(request, TokenListener.NONE);
    }

    @Override
    public synchronized Generation generate(GenerationRequest request, TokenListener listener) {
        return forks(request, List.of(ForkSampling.of(request.settings())), listener).getFirst();
    }

    /**
     * The prompt is run through the model once. A later fork needs only the prompt's last hidden state again, which
     * one forward step of the last prompt token over the kept key-value cache recomputes (rewriting that position
     * with the same values); its own tokens then overwrite the previous fork's, since attention at a position reads
     * only positions up to it, each written by the same fork first. Each fork samples with its own seed and
     * temperature; the first fork's latency includes the shared prompt computation.
     */
    @Override
    public synchronized List<Generation> generateForks(GenerationRequest request, List<ForkSampling> forks) {
        return forks(request, forks, TokenListener.NONE);
    }

    @Override
    public boolean forksSharePrompt() {
        return true;
    }

    private List<Generation> forks(GenerationRequest request, List<ForkSampling> samplings, TokenListener listener) {
        long start = System.nanoTime();
        int[] prompt = tokens(promptText(request.messages(), request.tools()));
        GenerationSettings settings = request.settings();
        int context = usableContext(config);
        int budget = Math.min(settings.maxNewTokens(), context - prompt.length);
        if (budget < 1) {
            throw new BackendException("the prompt has " + prompt.length + " tokens, the model's usable context "
                    + context + (context < config.contextLength ? " (of " + config.contextLength + ")" : "")
                    + ": no room to generate", false);
        }
        List<Generation> forks = new java.util.ArrayList<>(samplings.size());
        try (KvBufferCache cache = new KvBufferCache(model);
                AbstractTensor logits = model.makeDenseTensor(config.vocabularySize)) {
            KvBufferCache.KvBuffer kv = cache.getEphemeralKvBuffer();
            for (ForkSampling sampling : samplings) {
                AbstractTensor promptEnd;
                if (forks.isEmpty()) {
                    AbstractTensor batch = model.batchForward(prompt, 0, kv);
                    promptEnd = batch.slice(batch.shape().first() - 1);
                } else {
                    promptEnd = model.forward(prompt[prompt.length - 1], prompt.length - 1, kv, Optional.empty());
                }
                Decoded decoded = decode(promptEnd, kv, prompt, budget, sampling.applyTo(settings), logits, listener);
                // offered tools, the model answers in its template's convention, read as vLLM's parser reads it
                HermesToolCalls.Parsed answer = request.tools().isEmpty()
                        ? new HermesToolCalls.Parsed(decoded.text(), List.of())
                        : HermesToolCalls.parse(decoded.text(), sampling.seed());
                forks.add(new Generation(answer.content(), prompt.length, decoded.tokens(),
                        (System.nanoTime() - start) / 1_000_000, answer.calls()));
                start = System.nanoTime();
            }
        } catch (BackendException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackendException("Jlama failed while generating: " + JlamaErrors.explain(e), false, e);
        }
        return forks;
    }

    /**
     * The positions Jlama 0.8.4 can compute: its rotary embedding looks head h's frequencies up {@code 2h} positions
     * ahead in a table of exactly {@code contextLength} positions (the same shift for a query head and its key head,
     * so attention is unchanged), which overruns the table in the context's last positions and throws there.
     */
    static int usableContext(Config config) {
        if (config.ropeFreqs.isEmpty()) {
            return config.contextLength;
        }
        int rotatedHeads = config.isGQA ? config.numberOfKeyValueHeads : config.numberOfHeads;
        int shift = (rotatedHeads - 1) * config.headSize / (config.headSize / 2);
        return config.contextLength - shift;
    }

    /** One fork's text and its generated token count. */
    private record Decoded(String text, int tokens) {
    }

    /** Samples from {@code output} (closed once used) and decodes until end of sequence, a stop, or the budget. */
    private Decoded decode(AbstractTensor first, KvBufferCache.KvBuffer kv, int[] prompt, int budget,
            GenerationSettings settings, AbstractTensor logits, TokenListener listener) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        StringBuilder text = new StringBuilder();
        int generated = 0;
        AbstractTensor output = first;
        int position = prompt.length;
        while (true) {
            int next = Sampler.next(model, output, logits, config.vocabularySize, settings, random);
            output.close();
            if (config.eosTokens != null && config.eosTokens.contains(next)) {
                break;
            }
            listener.onToken();
            generated++;
            String piece = model.getTokenizer().decode(next);
            text.append(generated == 1 && addBos && prompt.length == 1 ? stripLeadingSpace(piece) : piece);
            Optional<Integer> stop = StopSequences.firstMatch(text, settings.stop());
            if (stop.isPresent()) {
                text.setLength(stop.get());
                break;
            }
            if (generated == budget) {
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                // a cancelled or timed-out fork: stop within a token, and let the caller say why
                throw new BackendException("generation interrupted (" + generated + " tokens generated)", false);
            }
            output = model.forward(next, position++, kv, Optional.empty());
        }
        return new Decoded(text.toString(), generated);
    }

    /** The text the model continues for a conversation without tools. */
    String promptText(List<ChatMessage> messages) {
        return promptText(messages, List.of());
    }

    /**
     * The text the model continues: the chat template's rendering of the conversation and the tools offered, or in
     * raw mode the messages' contents. Tools, tool calls and tool results need a template that renders them: without
     * one they are refused rather than dropped.
     */
    String promptText(List<ChatMessage> messages, List<ToolDefinition> tools) {
        boolean toolConversation = !tools.isEmpty()
                || messages.stream().anyMatch(m -> m.role() == Role.TOOL || m.callsTools());
        if (toolConversation && !supportsTools()) {
            throw new BackendException(info.name() + ": " + (raw
                    ? "raw mode renders no chat template, so it cannot offer tools or show tool calls: run without"
                            + " raw=true (--raw) on a model whose chat template renders tools (e.g. Qwen2.5-Instruct)"
                    : "its chat template (tokenizer_config.json chat_template) does not render tools, so it cannot be"
                            + " offered tools or shown tool calls: use a model whose template does (e.g."
                            + " Qwen2.5-Instruct), or serve the model with tool calling and use the langchain4j backend"),
                    false);
        }
        if (raw) {
            return String.join("\n", messages.stream().map(ChatMessage::content).toList());
        }
        return template.orElseThrow(() -> new BackendException(info.name()
                + " has no chat template in tokenizer_config.json: run it with raw=true (--raw)", false))
                .render(messages, tools, info.name());
    }

    private int[] tokens(String text) {
        long[] encoded = text.isEmpty() ? new long[0] : model.getTokenizer().encode(text);
        int offset = addBos ? 1 : 0;
        int[] tokens = new int[encoded.length + offset];
        if (addBos) {
            tokens[0] = config.bosToken;
        }
        for (int i = 0; i < encoded.length; i++) {
            tokens[i + offset] = Math.toIntExact(encoded[i]);
        }
        if (tokens.length == 0) {
            throw new BackendException("empty prompt for a model without a beginning-of-sequence token", false);
        }
        return tokens;
    }

    /** SentencePiece marks a word start with a space; the first word of a text has none (as llama2.c prints it). */
    private static String stripLeadingSpace(String piece) {
        return piece.startsWith(" ") ? piece.substring(1) : piece;
    }

    private static String weightsDigest(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).sorted().toList()) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    in.transferTo(OutputStreamSink.INSTANCE);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InvalidArgumentsException("backend jlama", "model-dir", "cannot read " + folder + ": " + e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
