package dev.drift.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    @Test
    void theUsersOptionsComeAfterTheDefaultsSoTheyWin() {
        List<String> expected = new ArrayList<>(JvmOptions.DEFAULTS);
        expected.addAll(List.of("-Xmx1g", "-XX:+UseG1GC"));

        assertThat(JvmOptions.with(" -Xmx1g   -XX:+UseG1GC\n")).isEqualTo(expected);
        assertThat(JvmOptions.joined("-Xmx1g -XX:+UseG1GC")).isEqualTo(String.join(" ", expected));
    }

    @Test
    void noUserOptionsMeansTheDefaults() {
        assertThat(JvmOptions.with(null)).isEqualTo(JvmOptions.DEFAULTS);
        assertThat(JvmOptions.with("  ")).isEqualTo(JvmOptions.DEFAULTS);
    }

    @Test
    void theDefaultsBoundTheHeapAndDirectMemoryAndPickACollectorThatShrinks() {
        assertThat(JvmOptions.DEFAULTS).anyMatch(option -> option.startsWith("-Xmx"))
                .anyMatch(option -> option.startsWith("-XX:MaxDirectMemorySize="))
                .contains("-XX:+UseSerialGC");
    }

    @Test
    void theCommandPutsTheOptionsBeforeTheJar() {
        List<String> command = JvmOptions.command(Path.of("/jdk/bin/java"), Path.of("drift.jar"), "-Dx=1");

        assertThat(command.getFirst()).isEqualTo("/jdk/bin/java");
        assertThat(command.subList(command.size() - 3, command.size())).containsExactly("-Dx=1", "-jar", "drift.jar");
        assertThat(command.subList(1, 1 + JvmOptions.DEFAULTS.size())).isEqualTo(JvmOptions.DEFAULTS);
    }
}
