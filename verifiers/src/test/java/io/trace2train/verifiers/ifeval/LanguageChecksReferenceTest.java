package io.trace2train.verifiers.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierArguments;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.casing.CasingVerifiers;
import io.trace2train.verifiers.ifeval.language.LanguageVerifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference's pass counts (PROVENANCE.md in the shared IFEval data) for the checks that use language detection,
 * on the GPT-4 responses, strict and loose.
 */
class LanguageChecksReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Instruction(String id, Map<String, Object> kwargs, String response) {
    }

    private static List<Instruction> instructions;
    private static Map<String, VerifierFactory> factories;

    @BeforeAll
    static void load() throws IOException {
        Path data = Path.of(System.getProperty("trace2train.shared"), "data", "ifeval");
        // Joined by exact prompt text; for a repeated prompt the last response wins, as in the reference's dict.
        Map<String, String> responses = new HashMap<>();
        for (Map<String, Object> row : rows(data.resolve("responses_gpt4.jsonl"))) {
            responses.put((String) row.get("prompt"), (String) row.get("response"));
        }
        instructions = rows(data.resolve("input_data.jsonl")).stream()
                .flatMap(row -> {
                    @SuppressWarnings("unchecked")
                    List<String> ids = (List<String>) row.get("instruction_id_list");
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> kwargs = (List<Map<String, Object>>) row.get("kwargs");
                    String response = responses.get((String) row.get("prompt"));
                    return Stream.iterate(0, i -> i < ids.size(), i -> i + 1)
                            .map(i -> new Instruction(ids.get(i), kwargs.get(i), response));
                })
                .toList();
        factories = Stream.of(LanguageVerifiers.factories(), CasingVerifiers.factories())
                .flatMap(List::stream)
                .collect(Collectors.toMap(VerifierFactory::id, Function.identity()));
    }

    private static List<Map<String, Object>> rows(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank())
                    .map(LanguageChecksReferenceTest::parse)
                    .toList();
        }
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(line, e);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "language:response_language, 31, 30, 30",
            "change_case:english_capital, 25, 19, 19",
            "change_case:english_lowercase, 39, 36, 37"})
    void reproducesTheReferenceFigures(String id, int total, int strict, int loose) {
        VerifierFactory factory = factories.get(id);
        List<Instruction> ofId = instructions.stream().filter(i -> i.id().equals(id)).toList();
        int strictPasses = 0;
        int loosePasses = 0;
        for (Instruction instruction : ofId) {
            Verifier verifier = factory.create(VerifierArguments.bind(id, factory.parameters(), instruction.kwargs()));
            strictPasses += followed(verifier, instruction.response()) ? 1 : 0;
            loosePasses += looseCandidates(instruction.response()).stream()
                    .anyMatch(candidate -> followed(verifier, candidate)) ? 1 : 0;
        }
        assertEquals(List.of(total, strict, loose), List.of(ofId.size(), strictPasses, loosePasses));
    }

    private static boolean followed(Verifier verifier, String response) {
        return !PythonText.isBlank(response) && verifier.check(response).passed();
    }

    /** SEMANTICS.md 0.1: the loose candidates, in the reference's order. */
    private static List<String> looseCandidates(String response) {
        List<String> lines = PythonText.split(response, "\n");
        String withoutFirst = PythonText.strip(String.join("\n", lines.subList(1, lines.size())));
        String withoutLast = PythonText.strip(String.join("\n", lines.subList(0, lines.size() - 1)));
        String withoutBoth = lines.size() < 2 ? ""
                : PythonText.strip(String.join("\n", lines.subList(1, lines.size() - 1)));
        return List.of(response, response.replace("*", ""), withoutFirst, withoutLast, withoutBoth,
                withoutFirst.replace("*", ""), withoutLast.replace("*", ""), withoutBoth.replace("*", ""));
    }
}
