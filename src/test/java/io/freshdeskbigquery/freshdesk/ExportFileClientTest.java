package io.freshdeskbigquery.freshdesk;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which links to an export's file the loader follows, and what the production profile refuses. */
class ExportFileClientTest {

    final ExportFileClient strict = new ExportFileClient(64L << 20, false, List.of("prod"));

    @Test
    void onlyHttpsLinksToPublicAddressesAreFollowedAndTheSignatureIsNeverShown() throws Exception {
        assertThat(strict.check("https://93.184.215.14/exports/2026-12-01.json?X-Amz-Signature=abc").getHost())
                .isEqualTo("93.184.215.14");

        assertThatThrownBy(() -> strict.check("http://93.184.215.14/x.json?X-Amz-Signature=secret"))
                .isInstanceOf(ExportFileClient.ExportLinkRefused.class)
                .hasMessageContaining("plain http, not https: http://93.184.215.14/x.json")
                .hasMessageNotContaining("secret");
        for (String link : List.of("https://127.0.0.1/x.json?s=secret", "https://10.1.2.3/x.json?s=secret",
                "https://192.168.0.9/x.json?s=secret", "https://169.254.169.254/latest/meta-data?s=secret",
                "https://100.64.0.1/x?s=secret", "https://[::1]/x?s=secret", "https://[fd00::1]/x?s=secret",
                "https://0.0.0.0/x?s=secret", "https://localhost/x?s=secret")) {
            assertThatThrownBy(() -> strict.check(link)).as(link)
                    .isInstanceOf(ExportFileClient.ExportLinkRefused.class)
                    .hasMessageContaining("a loopback or private address")
                    .hasMessageContaining("freshdesk.export.allow-local-links")
                    .hasMessageNotContaining("secret");
        }
        assertThatThrownBy(() -> strict.check("ftp://93.184.215.14/x.json"))
                .isInstanceOf(ExportFileClient.ExportLinkRefused.class)
                .hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> strict.check("not a link at all"))
                .isInstanceOf(ExportFileClient.ExportLinkRefused.class);
    }

    @Test
    void devModeAndTestsMayFollowLinksToThisMachineButAProductionBuildRefusesTheSetting() throws Exception {
        ExportFileClient local = new ExportFileClient(64L << 20, true, List.of("dev"));
        assertThat(local.check("http://localhost:8080/simulator/exports/ticket_activities/2026-12-01.json?s=x")
                .getPort()).isEqualTo(8080);

        assertThatThrownBy(() -> new ExportFileClient(64L << 20, true, List.of("prod")))
                .hasMessageContaining("freshdesk.export.allow-local-links=true is for dev mode and tests");
        assertThatThrownBy(() -> new ExportFileClient(100, false, List.of("prod")))
                .hasMessageContaining("freshdesk.export.max-file-bytes=100 is not allowed");
    }

    @Test
    void privateAndSpecialAddressesAreNotPublic() throws Exception {
        assertThat(ExportFileClient.isPublic(InetAddress.getByName("52.216.0.1"))).isTrue();
        assertThat(ExportFileClient.isPublic(InetAddress.getByName("2600:1f18::1"))).isTrue();
        assertThat(ExportFileClient.isPublic(InetAddress.getByName("172.16.0.1"))).isFalse();
        assertThat(ExportFileClient.isPublic(InetAddress.getByName("198.18.0.1"))).isFalse();
        assertThat(ExportFileClient.isPublic(InetAddress.getByName("::ffff:127.0.0.1"))).isFalse();
        assertThat(ExportFileClient.isPublic(InetAddress.getByName("fe80::1"))).isFalse();
    }
}
