package io.freshdeskbigquery.freshdesk;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static PageJson read(String page) throws Exception {
        return JSON.readValue(page.getBytes(StandardCharsets.UTF_8), PageJson.class);
    }

    @Test
    void eachElementIsParsedAndKeptAsTheTextItCameIn() throws Exception {
        String page = "\uFEFF [ {\"id\":1,\"subject\":\"a, [b] {c}\",\"tags\":[\"x\",\"y\"]},\n"
                + "{\"id\":2,\"subject\":\"quote \\\" and \\\\\",\"nested\":{\"k\":[1,{\"z\":\"}\"}]}} , 42,\"text\" ,null,[1,2],"
                + "{\"id\":3,\"subject\":\"caf\u00e9 \u2603 \uD83D\uDE00\"}]\n";
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        PageJson json = JSON.readValue(bytes, PageJson.class);
        List<String> elements = json.elementTexts(bytes)
                .stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .toList();

        JsonNode parsed = JSON.readTree(page.substring(1));
        assertThat(json.root()).isEqualTo(parsed);
        assertThat(elements).hasSize(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            assertThat(JSON.readTree(elements.get(i))).as(elements.get(i)).isEqualTo(parsed.get(i));
        }
        assertThat(elements.get(0)).isEqualTo("{\"id\":1,\"subject\":\"a, [b] {c}\",\"tags\":[\"x\",\"y\"]}");
        assertThat(elements.get(1)).startsWith("{\"id\":2,").endsWith("}}");
        assertThat(elements.get(6)).isEqualTo("{\"id\":3,\"subject\":\"caf\u00e9 \u2603 \uD83D\uDE00\"}");
    }

    @Test
    void anythingButAnArrayIsReadWithoutElements() throws Exception {
        assertThat(read("[]").root().isArray()).isTrue();
        assertThat(read("[]").elementTexts("[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        PageJson object = read("{\"code\":\"invalid\"}");
        assertThat(object.root().get("code").asText()).isEqualTo("invalid");
        assertThat(object.elementTexts("{\"code\":\"invalid\"}".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void anArrayCutOffIsNotJson() {
        assertThatThrownBy(() -> read("[{\"id\":1},{\"id\":2,\"sub"))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("[{\"id\":1}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void placesThatDoNotFitTheBytesKeepNoTexts() throws Exception {
        byte[] bytes = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);
        PageJson json = JSON.readValue(bytes, PageJson.class);
        assertThat(json.elementTexts(bytes)).containsExactly("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.elementTexts("[ {\"id\":1}]".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
