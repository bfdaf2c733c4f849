package dev.steward.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.module.ModuleRegistry;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * JSON Schemas (draft 2020-12) generated from the model, for YAML editors: the playbook language
 * from {@code Keywords} and the modules' parameter specs, and the YAML inventory format.
 */
public final class SchemaGenerator {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** The schemas there are, by the name {@code steward schema NAME} takes. */
    public static final List<String> KINDS = List.of("playbook", "inventory");

    private final ModuleRegistry modules;

    public SchemaGenerator(ModuleRegistry modules) {
        this.modules = modules;
    }

    public ObjectNode playbook() {
        return new PlaybookSchema(modules).build();
    }

    public ObjectNode inventory() {
        return new InventorySchema().build();
    }

    /** The schema named {@code kind} ("playbook" or "inventory"), if there is one. */
    public Optional<ObjectNode> schema(String kind) {
        return switch (kind) {
            case "playbook" -> Optional.of(playbook());
            case "inventory" -> Optional.of(inventory());
            default -> Optional.empty();
        };
    }

    /** Pretty-printed JSON, ending with a newline. */
    public static String print(ObjectNode schema) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
