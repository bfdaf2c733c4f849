package dev.steward.module.files;

import java.nio.charset.StandardCharsets;

/** A path's state and, when it is a regular file, its content, from one probe. */
record FileText(FileState state, byte[] content) {

    String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
