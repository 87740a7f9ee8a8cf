package io.freshdeskbigquery.freshdesk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreshdeskRecordsTest {

    @Test
    void theFastPathReadsFreshdeskTimestampsAsTheFullParserDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L));
            String text = instant.toString();
            assertThat(FreshdeskRecords.parseUtc(text)).as(text).isEqualTo(instant);
        }
        assertThat(FreshdeskRecords.parseUtc("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    @Test
    void anythingElseIsLeftToTheFullParserOrRefused() {
        // not the fast path's form: the full parser reads them
        assertThat(FreshdeskRecords.timestamp(TextNode.valueOf("2024-03-01T12:34:56.250Z")))
                .isEqualTo(Instant.parse("2024-03-01T12:34:56.250Z"));
        assertThat(FreshdeskRecords.timestamp(TextNode.valueOf("2024-03-01T14:34:56+02:00")))
                .isEqualTo(OffsetDateTime.parse("2024-03-01T14:34:56+02:00").toInstant());
        // not timestamps at all
        for (String bad : new String[]{"2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-01-01T24:00:00Z",
                "2024-01-01T10:60:00Z", "2024-01-01T10:00:60Z", "2024-0a-01T10:00:00Z", "yesterday", "",
                "2024-01-00T10:00:00Z", "2024-04-31T10:00:00Z"}) {
            assertThat(FreshdeskRecords.parseUtc(bad)).as(bad).isNull();
            assertThat(FreshdeskRecords.timestamp(TextNode.valueOf(bad))).as(bad).isNull();
        }
    }

    @Test
    void timestampsNoDestinationCouldHoldAreRefused() {
        assertThat(FreshdeskRecords.timestamp(TextNode.valueOf("0001-01-01T00:00:00Z")))
                .isEqualTo(FreshdeskRecords.EARLIEST);
        assertThat(FreshdeskRecords.timestamp(TextNode.valueOf("9999-12-31T23:59:59Z")))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        for (String beyond : new String[]{"0000-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-06-01T00:00:00Z",
                "9999-12-31T23:00:00-01:00", "+999999999-12-31T23:59:59Z"}) {
            assertThat(FreshdeskRecords.timestamp(TextNode.valueOf(beyond))).as(beyond).isNull();
        }
    }
}
