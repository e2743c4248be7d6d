package dev.drift.ops.charts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** How the generated part of a chart is written: YAML in one style, files by their path inside the chart. */
final class GeneratedFiles {

    /** The helm test of both charts, kept once under this module's resources. */
    static final String PUSH_PULL_SCRIPT = "files/push-pull.sh";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private GeneratedFiles() {
    }

    static String yaml(String header, Object model) {
        try {
            return header + YAML.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chart's generated file as YAML", e);
        }
    }

    static String pushPullScript() {
        try (InputStream in = GeneratedFiles.class.getResourceAsStream("push-pull.sh")) {
            if (in == null) {
                throw new IllegalStateException("push-pull.sh is missing from the drift-charts jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path chartDir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = chartDir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + target);
        }
    }
}
