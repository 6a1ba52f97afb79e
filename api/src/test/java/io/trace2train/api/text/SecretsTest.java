package io.trace2train.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksCredentialsInUrls() {
        assertEquals("http://***@host:8000/v1", Secrets.mask("http://alice:s3cret@host:8000/v1"));
        assertEquals("https://api.example.com/v1?api_key=***&x=1",
                Secrets.mask("https://api.example.com/v1?api_key=abc123&x=1"));
        assertEquals("https://h/v1?token=***", Secrets.mask("https://h/v1?token=t0k"));
        assertEquals("https://h/v1?access_token=***#f", Secrets.mask("https://h/v1?access_token=t0k#f"));
    }

    @Test
    void masksKeysBearerTokensAndSecretFields() {
        assertEquals("key ***, then", Secrets.mask("key sk-proj-Abc123def456ghi, then"));
        assertEquals("Authorization: Bearer ***", Secrets.mask("Authorization: Bearer abcdef123456"));
        assertEquals("{\"api_key\": \"***\"}", Secrets.mask("{\"api_key\": \"whatever\"}"));
        assertEquals("*** and ***", Secrets.mask("hf_abcdefghijklmnopqrst and ghp_abcdefghijklmnopqrstu"));
        assertEquals("id ***", Secrets.mask("id Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LmNb"));
        assertEquals("the key *** was refused", Secrets.mask("the key plain-key-1 was refused", "plain-key-1"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        for (String text : new String[] {"api-key-env=OPENAI_API_KEY", "model=Qwen/Qwen2.5-0.5B-Instruct",
                "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "run 123e4567-e89b-12d3-a456-426614174000", "http://127.0.0.1:8000/v1",
                "Meta-Llama-3.1-8B-Instruct-Turbo", "monkey=cats", "/home/user/models/stories260K"}) {
            assertEquals(text, Secrets.mask(text));
        }
    }

    @Test
    void optionsMaskValuesNotNames() {
        Map<String, String> masked = Secrets.options(Map.of("api-key-env", "OPENAI_API_KEY", "api-key", "plain",
                "base-url", "http://u:p@h/v1", "model", "m"));
        assertEquals("OPENAI_API_KEY", masked.get("api-key-env"));
        assertEquals("***", masked.get("api-key"));
        assertEquals("http://***@h/v1", masked.get("base-url"));
        assertEquals("m", masked.get("model"));
        assertTrue(Secrets.holdsSecret("sk-abcdefgh12345"));
        assertFalse(Secrets.holdsSecret("OPENAI_API_KEY"));
    }
}
