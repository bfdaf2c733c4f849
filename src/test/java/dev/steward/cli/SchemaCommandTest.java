package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void printsThePlaybookAndInventorySchemasAsJson() throws Exception {
        for (String kind : new String[] {"playbook", "inventory"}) {
            Run r = run("schema", kind);
            assertThat(r.code()).isZero();
            JsonNode schema = new ObjectMapper().readTree(r.out());
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("title").asText()).containsIgnoringCase(kind);
        }
    }

    @Test
    void anUnknownKindIsABadOption() {
        Run r = run("schema", "roles");
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).contains("steward schema takes playbook or inventory, not 'roles'");
    }
}
