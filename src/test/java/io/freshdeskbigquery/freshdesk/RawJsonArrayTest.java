package io.freshdeskbigquery.freshdesk;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RawJsonArrayTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachElementIsTheTextItCameIn() throws Exception {
        String page = " [ {\"id\":1,\"subject\":\"a, [b] {c}\",\"tags\":[\"x\",\"y\"]},\n"
                + "{\"id\":2,\"subject\":\"quote \\\" and \\\\\",\"nested\":{\"k\":[1,{\"z\":\"}\"}]}} , 42,\"text\" ,null,[1,2],"
                + "{\"id\":3,\"subject\":\"caf\u00e9 \u2603\"}]\n";
        List<String> elements = RawJsonArray.elements(page.getBytes(StandardCharsets.UTF_8)).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();

        JsonNode parsed = JSON.readTree(page);
        assertThat(elements).hasSize(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            assertThat(JSON.readTree(elements.get(i))).as(elements.get(i)).isEqualTo(parsed.get(i));
        }
        assertThat(elements.get(0)).isEqualTo("{\"id\":1,\"subject\":\"a, [b] {c}\",\"tags\":[\"x\",\"y\"]}");
        assertThat(elements.get(6)).isEqualTo("{\"id\":3,\"subject\":\"caf\u00e9 \u2603\"}");
    }

    @Test
    void anythingButAnArrayIsNotSplit() {
        assertThat(RawJsonArray.elements("[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(RawJsonArray.elements("{\"id\":1}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(RawJsonArray.elements("[{\"id\":1}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(RawJsonArray.elements("".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
