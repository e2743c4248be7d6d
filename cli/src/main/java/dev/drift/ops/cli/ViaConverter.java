package dev.drift.ops.cli;

import dev.drift.ops.cli.k8s.Via;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --via operator|helm}, in lower case as the help writes them. */
final class ViaConverter implements ITypeConverter<Via> {

    @Override
    public Via convert(String value) {
        return Arrays.stream(Via.values()).filter(via -> via.name().toLowerCase(Locale.ROOT).equals(value)).findFirst()
                .orElseThrow(() -> new TypeConversionException("must be one of " + Arrays.stream(Via.values())
                        .map(via -> via.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                        + ", got \"" + value + "\""));
    }
}
