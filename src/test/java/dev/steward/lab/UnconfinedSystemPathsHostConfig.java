package dev.steward.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.HostConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * {@code --security-opt systempaths=unconfined} exists only in the docker CLI: it sends empty
 * {@code MaskedPaths} and {@code ReadonlyPaths} lists to the engine, which docker-java's
 * {@link HostConfig} cannot express. This subclass adds the two fields (docker-java serializes
 * the host config by its runtime class).
 */
final class UnconfinedSystemPathsHostConfig extends HostConfig {

    private static final long serialVersionUID = 1L;

    @JsonProperty("MaskedPaths")
    private final List<String> maskedPaths = List.of();

    @JsonProperty("ReadonlyPaths")
    private final List<String> readonlyPaths = List.of();

    /** A copy of {@code original} (everything Testcontainers already set) with system paths unconfined. */
    static HostConfig of(HostConfig original) {
        UnconfinedSystemPathsHostConfig copy = new UnconfinedSystemPathsHostConfig();
        for (Class<?> type = HostConfig.class; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    field.set(copy, field.get(original));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy HostConfig." + field.getName(), e);
                }
            }
        }
        return copy;
    }

    List<String> maskedPaths() {
        return maskedPaths;
    }

    List<String> readonlyPaths() {
        return readonlyPaths;
    }
}
