package io.freshdeskbigquery.freshdesk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageIsolationTest {

    @Test
    void theWindowOfAPageIsAskedForInPiecesThatAreEachAPageOfTheirOwnSizeAndCoverItOnce() {
        // page 3 of the query: records 200..299
        PageIsolation isolation = new PageIsolation(3, "url");
        List<String> asked = new ArrayList<>();
        int bad = 237; // the one record that cannot be read
        while (isolation.hasMore()) {
            PageIsolation.Piece piece = isolation.current();
            asked.add(piece.size() + "@" + piece.page());
            int from = piece.offset();
            int to = from + piece.size();
            if (bad >= from && bad < to) {
                isolation.unreadable("reason", "raw".getBytes(StandardCharsets.UTF_8),
                        "url " + asked.get(asked.size() - 1), null);
            } else {
                List<JsonNode> records = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    records.add(JsonNodeFactory.instance.objectNode().put("id", i));
                }
                isolation.read(records, null, null);
            }
        }

        // 50s at pages 5 and 6 (offsets 200, 250); the first split into 25s (pages 9, 10), 225..249 into 5s
        // (pages 46..50), 235..239 into 1s (pages 236..240)
        assertThat(asked).containsExactly("50@5", "25@9", "25@10", "5@46", "5@47", "5@48", "1@236", "1@237", "1@238",
                "1@239", "1@240", "5@49", "5@50", "50@6");
        assertThat(isolation.bad()).singleElement().satisfies(record -> {
            assertThat(record.url()).isEqualTo("url 1@238");
            assertThat(record.raw()).isEqualTo("raw");
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PageJson page = isolation.pageWithTexts(bytes);
        assertThat(page.root()).hasSize(99);
        assertThat(page.elementTexts(bytes.toByteArray())).hasSize(99);
        assertThat(page.root().get(0).get("id").asInt()).isEqualTo(200);
        assertThat(page.root().get(98).get("id").asInt()).isEqualTo(299);
    }

    @Test
    void aPieceShorterThanItsSizeEndsTheList() {
        PageIsolation isolation = new PageIsolation(1, "url");
        isolation.read(List.of(JsonNodeFactory.instance.objectNode().put("id", 1)), null, null);

        assertThat(isolation.hasMore()).isFalse();
    }

    @Test
    void theCapIsAtLeastAPageOfOneTicket() {
        assertThatThrownBy(() -> new PageSizeCap(100)).hasMessage(
                "freshdesk.max-page-bytes=100 is not allowed: give a number of bytes from 4096 to 2147483639");
    }
}
