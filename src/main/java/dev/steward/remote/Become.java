package dev.steward.remote;

import java.util.Optional;

public record Become(String user, Optional<String> password) {
    @Override
    public String toString() {
        return "Become[" + user + "]";
    }
}
