package io.telemetry.simulate;

import java.util.Objects;

/**
 * What a simulated device says it is in {@code get-software-information}: its model
 * ({@code product-model}, e.g. {@code mx480}) and Junos release ({@code junos-version}). Set per
 * device with {@link SimulatedDevice#software(DeviceSoftware)}, e.g. to give discovery a mixed fleet.
 */
public record DeviceSoftware(String model, String junosVersion) {

  /** What every device reports unless told otherwise. */
  public static final DeviceSoftware DEFAULT = new DeviceSoftware("mx480", "21.4R3-S5.4");

  public DeviceSoftware {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(junosVersion, "junosVersion");
    if (model.isBlank() || junosVersion.isBlank()) {
      throw new IllegalArgumentException("model and junos version must not be blank");
    }
  }
}
