package io.telemetry.simulate;

import java.util.SplittableRandom;

/**
 * The modelled state of one physical interface. Each counter grows linearly while the link is
 * up: value(t) = base + rate * (t - segmentStart). Events (link down, re-creation, reboot, a
 * traffic load change) start a new segment. Guarded by the owning device's lock.
 */
final class InterfaceState {

  private static final int COUNTERS = JunosCounter.values().length;
  /** Every simulated interface is Gigabit Ethernet; replies report this speed. */
  static final long SPEED_BPS = 1_000_000_000L;

  final String name;
  final int position;
  final String description;
  final String mac;
  final double[] rates = new double[COUNTERS];
  /** The rates of the device's ordinary traffic, restored by {@link #resetTrafficLoad}. */
  private final double[] normalRates;

  int snmpIndex;
  int localIndex;
  int generation;
  boolean operUp = true;
  int carrierTransitions = 1;
  long flappedNanos;

  private final long[] base = new long[COUNTERS];
  private long segmentStartNanos;

  InterfaceState(String name, int position, long deviceSeed, double initialUptimeSeconds, long nowNanos) {
    this.name = name;
    this.position = position;
    SplittableRandom random = new SplittableRandom(deviceSeed * 1_000_003L + position);
    this.description = DESCRIPTIONS[random.nextInt(DESCRIPTIONS.length)] + "-" + (position + 1);
    this.mac = String.format("2c:6b:f5:%02x:%02x:%02x", (deviceSeed >> 8) & 0xff, deviceSeed & 0xff, position & 0xff);
    this.snmpIndex = 500 + position;
    this.localIndex = 140 + position;
    this.generation = 150 + position;

    double inOctets = logUniform(random, 2e3, 1.2e8);
    double outOctets = logUniform(random, 2e3, 1.2e8);
    rates[JunosCounter.INPUT_BYTES.ordinal()] = inOctets;
    rates[JunosCounter.OUTPUT_BYTES.ordinal()] = outOctets;
    rates[JunosCounter.INPUT_PACKETS.ordinal()] = inOctets / (200 + random.nextInt(1200));
    rates[JunosCounter.OUTPUT_PACKETS.ordinal()] = outOctets / (200 + random.nextInt(1200));
    rates[JunosCounter.INPUT_ERRORS.ordinal()] = sometimes(random, 0.3, 0.01, 2.0);
    rates[JunosCounter.FRAMING_ERRORS.ordinal()] = rates[JunosCounter.INPUT_ERRORS.ordinal()] / 2;
    rates[JunosCounter.INPUT_DISCARDS.ordinal()] = sometimes(random, 0.3, 0.05, 5.0);
    rates[JunosCounter.INPUT_DROPS.ordinal()] = sometimes(random, 0.2, 0.05, 3.0);
    rates[JunosCounter.OUTPUT_ERRORS.ordinal()] = sometimes(random, 0.2, 0.01, 1.0);
    rates[JunosCounter.OUTPUT_DROPS.ordinal()] = sometimes(random, 0.3, 0.05, 5.0);

    this.normalRates = rates.clone();

    // The device has been up for a while: counters start where that traffic left them, which
    // makes most byte counters far larger than 32 bits, as on a real box.
    for (int c = 0; c < COUNTERS; c++) {
      base[c] = (long) Math.floor(rates[c] * initialUptimeSeconds);
    }
    segmentStartNanos = nowNanos;
    flappedNanos = nowNanos - (long) (initialUptimeSeconds * 1e9);
  }

  long value(JunosCounter counter, long nowNanos) {
    int c = counter.ordinal();
    if (!operUp) {
      return base[c];
    }
    return base[c] + (long) Math.floor(rates[c] * ((nowNanos - segmentStartNanos) / 1e9));
  }

  /** The rate the counter grows at now (0 while the link is down). */
  double currentRate(JunosCounter counter) {
    return operUp ? rates[counter.ordinal()] : 0.0;
  }

  /** Counters restart from 0 now (reboot, interface re-created). */
  void restartCounters(long nowNanos) {
    java.util.Arrays.fill(base, 0L);
    segmentStartNanos = nowNanos;
  }

  void setOperUp(boolean up, long nowNanos) {
    if (up == operUp) {
      return;
    }
    startSegment(nowNanos);
    operUp = up;
    carrierTransitions++;
    flappedNanos = nowNanos;
  }

  /**
   * Traffic at these fractions of the link speed per direction from now on; packet rates follow
   * the octet rates (same average packet size), error and discard rates stay.
   */
  void setTrafficLoad(double inFraction, double outFraction, long nowNanos) {
    startSegment(nowNanos);
    scaleDirection(JunosCounter.INPUT_BYTES, JunosCounter.INPUT_PACKETS, inFraction * SPEED_BPS / 8);
    scaleDirection(JunosCounter.OUTPUT_BYTES, JunosCounter.OUTPUT_PACKETS, outFraction * SPEED_BPS / 8);
  }

  /** The ordinary traffic again from now on. */
  void resetTrafficLoad(long nowNanos) {
    startSegment(nowNanos);
    System.arraycopy(normalRates, 0, rates, 0, COUNTERS);
  }

  private void scaleDirection(JunosCounter octets, JunosCounter packets, double octetsPerSecond) {
    double normal = normalRates[octets.ordinal()];
    rates[octets.ordinal()] = octetsPerSecond;
    rates[packets.ordinal()] = normalRates[packets.ordinal()] * (octetsPerSecond / normal);
  }

  /** Counters continue from their current values with the rates set after this call: monotonic. */
  private void startSegment(long nowNanos) {
    for (JunosCounter c : JunosCounter.values()) {
      base[c.ordinal()] = value(c, nowNanos);
    }
    segmentStartNanos = nowNanos;
  }

  private static double logUniform(SplittableRandom random, double min, double max) {
    return Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
  }

  private static double sometimes(SplittableRandom random, double probability, double min, double max) {
    return random.nextDouble() < probability ? min + random.nextDouble() * (max - min) : 0.0;
  }

  private static final String[] DESCRIPTIONS = {
    "uplink-core", "peer-transit", "customer", "server-rack", "backbone", "mgmt-oob", "lag-member"
  };
}
