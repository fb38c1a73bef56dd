package io.telemetry.inventory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Login for a device: a user name with a password, a private key file, or both (the key is tried
 * first). Secrets usually come from the environment through HOCON's {@code ${?ENV_VAR}}.
 */
public record Credentials(String username, Optional<String> password, Optional<Path> privateKey) {

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  public static Credentials password(String username, String password) {
    return new Credentials(username, Optional.of(password), Optional.empty());
  }

  @Override
  public String toString() {
    return "Credentials[" + username + (password.isPresent() ? " password=***" : "")
        + privateKey.map(p -> " key=" + p).orElse("") + "]";
  }
}
