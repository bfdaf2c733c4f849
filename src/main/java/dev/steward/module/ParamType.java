package dev.steward.module;

/** The types a module parameter can have; each reads its value from the rendered YAML value. */
public enum ParamType {
    STRING, PATH, BOOL, INT,
    /** A file mode: octal digits, written {@code 0640} or {@code 640} (both mean octal). */
    MODE,
    LIST, MAP, ANY
}
