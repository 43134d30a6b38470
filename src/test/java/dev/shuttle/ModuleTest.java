package dev.shuttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports the public API packages (the core and its leaves) and no internal package. */
class ModuleTest {

    @Test
    void onlyThePublicApiPackagesAreExported() {
        Path classes = Path.of(Endpoint.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        ModuleDescriptor descriptor = ModuleFinder.of(classes).find("dev.shuttle").orElseThrow().descriptor();
        Set<String> exported = descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.shuttle", "dev.shuttle.tls", "dev.shuttle.udp", "dev.shuttle.frame",
                "dev.shuttle.pool", "dev.shuttle.batch", "dev.shuttle.dropin", "dev.shuttle.proxy"), exported);
    }
}
