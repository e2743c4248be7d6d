package dev.drift.ops.registry.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryMetricsTest {

    @TempDir
    Path dir;

    @Test
    void metricsReportTheHeapAndThisProcesssResidentMemory() throws Exception {
        String text = scrape(new RegistryMetrics().registry());

        long used = value(text, "drift_jvm_heap_bytes\\{kind=\"used\"\\}");
        long committed = value(text, "drift_jvm_heap_bytes\\{kind=\"committed\"\\}");
        long max = value(text, "drift_jvm_heap_bytes\\{kind=\"max\"\\}");
        assertThat(used).isPositive().isLessThanOrEqualTo(committed);
        assertThat(committed).isLessThanOrEqualTo(max);
        assertThat(max).isEqualTo(Runtime.getRuntime().maxMemory());
        long rss = value(text, "process_resident_memory_bytes");
        long peak = value(text, "drift_process_resident_memory_peak_bytes");
        assertThat(rss).as("the heap in use is resident").isGreaterThan(used / 2);
        assertThat(peak).isGreaterThanOrEqualTo(rss);
    }

    @Test
    void residentMemoryIsReadFromTheStatusFileInKilobytes() throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmHWM:\t  200 kB\nVmRSS:\t   87144 kB\nThreads:\t40\n");

        assertThat(MemoryMetrics.statusBytes(status, "VmRSS")).hasValue(87144L * 1024);
        assertThat(MemoryMetrics.statusBytes(status, "VmHWM")).hasValue(200L * 1024);
        assertThat(MemoryMetrics.statusBytes(status, "VmSwap")).isEmpty();
        assertThat(MemoryMetrics.statusBytes(dir.resolve("absent"), "VmRSS")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void withoutAStatusFileTheResidentMemoryIsLeftOutNotZero() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        MemoryMetrics.register(registry, dir.resolve("absent"));

        String text = scrape(registry);

        assertThat(text).contains("drift_jvm_heap_bytes{kind=\"used\"}").doesNotContain("process_resident_memory_bytes ");
    }

    private static String scrape(PrometheusRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long value(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+]+)$").matcher(text);
        assertThat(matcher.find()).as(series + " in\n" + text).isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }
}
