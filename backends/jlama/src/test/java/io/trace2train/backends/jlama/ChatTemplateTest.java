package io.trace2train.backends.jlama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.ExampleData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat templates rendered without a model: tool support, Hugging Face's {@code raise_exception} and {@code tojson}. */
class ChatTemplateTest {

    @Test
    void aTemplateSupportsToolsWhereItReadsTheToolsVariable() throws Exception {
        String qwen = new ObjectMapper().readTree(ExampleData.model("qwen2.5-0.5b-instruct-shape")
                .resolve("tokenizer_config.json").toFile()).get("chat_template").textValue();
        assertTrue(new ChatTemplate(qwen, "<|im_end|>").supportsTools());
        assertFalse(new ChatTemplate("{{ 'You have no tools.' }}{% for m in messages %}{{ m.content }}{% endfor %}",
                "").supportsTools(), "the word in text is not the variable");
        assertTrue(new ChatTemplate("{%- if tools is not none %}{{ tools | length }}{% endif %}", "").supportsTools());
    }

    @Test
    void aTemplateThatRaisesIsAClearErrorNamingTheModel() {
        ChatTemplate alternating = new ChatTemplate("{% for m in messages %}{% if m.role == 'system' %}"
                + "{{ raise_exception('System role not supported') }}{% endif %}{{ m.content }}{% endfor %}", "");
        assertEquals("Hi", alternating.render(List.of(ChatMessage.user("Hi")), List.of(), "gemma"));
        BackendException e = assertThrows(BackendException.class, () -> alternating.render(
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")), List.of(), "gemma"));
        assertTrue(e.getMessage().startsWith("gemma: its chat template") && e.getMessage().contains(
                "System role not supported"), e.getMessage());
    }

    @Test
    void tojsonIsPythonsJsonDumpsWithoutHtmlEscaping() {
        ChatTemplate template = new ChatTemplate("{{ messages[0] | tojson }}|{{ eos_token | tojson }}", "</s>");
        assertEquals("{\"role\": \"user\", \"content\": \"<b> & 'é'\\n\"}|\"</s>\"",
                template.render(List.of(ChatMessage.user("<b> & 'é'\n")), List.of(), "m"));
    }

    @Test
    void messageTextIsWrittenAsItIsNeverInterpretedAsTemplateCode() {
        ChatTemplate template = new ChatTemplate("{% for m in messages %}[{{ m.content }}]{% endfor %}", "");
        String code = "{{ 7 * 6 }} {% if true %}x{% endif %} {# c #} {{ raise_exception('no') }}";
        assertEquals("[" + code + "]", template.render(List.of(ChatMessage.user(code)), List.of(), "m"));
    }
}
