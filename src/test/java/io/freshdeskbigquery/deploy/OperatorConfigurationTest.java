package io.freshdeskbigquery.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top-level application.properties operators read and edit is the one the build packages (a symbolic link to
 * src/main/resources/application.properties): an editor or {@code sed -i} that replaces the link with a copy would let
 * the two drift apart, the packaged one losing what the other documents.
 */
class OperatorConfigurationTest {

    @Test
    void theTopLevelApplicationPropertiesIsThePackagedOne() throws IOException {
        Path top = Path.of("application.properties");
        Path packaged = Path.of("src/main/resources/application.properties");
        assertThat(Files.readString(top)).as("application.properties and " + packaged)
                .isEqualTo(Files.readString(packaged));
        assertThat(Files.isSymbolicLink(top)).as("application.properties is a symbolic link to " + packaged).isTrue();
        assertThat(Files.isSameFile(top, packaged)).isTrue();
    }
}
