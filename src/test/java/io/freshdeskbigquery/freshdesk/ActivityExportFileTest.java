package io.freshdeskbigquery.freshdesk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a day's export file: its activities where they lie, and what is not such a file. */
class ActivityExportFileTest {

    final ObjectMapper json = new ObjectMapper();

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileHoldsItsActivitiesAsTheyCameWhereverItsMetadataLies() {
        String first = "{\"performer_type\":\"user\",\"ticket_id\":1,\"performed_at\":\"01-12-2026 09:33:38 +0000\","
                + "\"activity\":{\"status\":\"Open\",\"note\":{\"body\":\"é ✓ [\\\"]\"}}}";
        String second = "{ \"ticket_id\" : 2 , \"performed_at\":\"2026-12-01T10:00:00Z\", \"activity\" : {} }";
        ActivityExportFile file = ActivityExportFile.read(bytes("{\"activities_data\":[" + first + " , " + second
                + "],\"metadata\":{\"start_at\":\"x\",\"activities_count\":2,\"end_at\":{\"deep\":[1]}}}"), 1 << 20,
                "here");

        assertThat(file.size()).isEqualTo(2);
        assertThat(file.declaredCount()).isEqualTo(2);
        assertThat(new String(file.text(0), StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(new String(file.text(1), StandardCharsets.UTF_8)).isEqualTo(second);
        assertThat(file.activity(0, json).path("activity").path("status").asText()).isEqualTo("Open");
        assertThat(ActivityExportFile.performedAt(file.activity(0, json)))
                .isEqualTo(Instant.parse("2026-12-01T09:33:38Z"));
        assertThat(ActivityExportFile.performedAt(file.activity(1, json)))
                .isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(ActivityExportFile.performedAt(json.createObjectNode()
                .put("performed_at",
                        "01-12-2026 14:30:00 +0530")))
                .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(ActivityExportFile.performedAt(json.createObjectNode().put("performed_at", "yesterday")))
                .isNull();

        assertThat(ActivityExportFile.read(bytes("{\"metadata\":{},\"activities_data\":null}"), 1 << 20, "here")
                .size()).isZero();
        assertThat(ActivityExportFile.read(bytes("{}"), 1 << 20, "here").size()).isZero();
    }

    @Test
    void aFileCutOffOrNotAnObjectOfActivitiesCannotBeRead() {
        assertThatThrownBy(() -> ActivityExportFile.read(bytes("{\"activities_data\":[{\"ticket_id\":1,"), 1 << 20,
                "Stream ticket_activities, export of 2026-12-01")).isInstanceOf(FreshdeskPageException.class)
                .hasMessageContaining("Stream ticket_activities, export of 2026-12-01: the export's file is not valid"
                        + " JSON");
        assertThatThrownBy(() -> ActivityExportFile.read(bytes("[]"), 1 << 20, "here"))
                .isInstanceOf(FreshdeskPageException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ActivityExportFile.read(bytes("{\"activities_data\":[1]}"), 1 << 20, "here"))
                .isInstanceOf(FreshdeskPageException.class)
                .hasMessageContaining("activity 1");
        assertThatThrownBy(() -> ActivityExportFile.read(bytes("{\"activities_data\":{}}"), 1 << 20, "here"))
                .isInstanceOf(FreshdeskPageException.class)
                .hasMessageContaining("not a list");
        assertThatThrownBy(() -> ActivityExportFile.read(bytes("{} {}"), 1 << 20, "here"))
                .isInstanceOf(FreshdeskPageException.class);
    }
}
