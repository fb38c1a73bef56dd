package io.telemetry.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.PollResult;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The readings a device carries to another node survive the wire (node binding: Jackson CBOR). */
class DeviceRatesSerializationTest {

  static ActorSystem system;

  @BeforeAll
  static void start() {
    // The node's serialization bindings, without starting a cluster.
    system = ActorSystem.create("rates-serialization", ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(ConfigFactory.parseResources("telemetry-node.conf"))
        .withFallback(ConfigFactory.load()).resolve());
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static <T> T roundTrip(T value) {
    Serialization serialization = SerializationExtension.get(system);
    byte[] bytes = serialization.serialize(value).get();
    var serializer = serialization.findSerializerFor(value);
    @SuppressWarnings("unchecked")
    T back = (T) serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, value)).get();
    assertEquals("JacksonCborSerializer", serializer.getClass().getSimpleName(), "binding of " + value.getClass());
    return back;
  }

  @Test
  void readingsAndTheHandOffMessageRoundTrip() {
    CounterRates rates = new CounterRates();
    Instant t0 = Instant.parse("2026-01-01T00:00:00.123456789Z");
    Sample sample = new Sample("r1", "interface", t0, Map.of("interface", "ge-0/0/0"),
        Map.of("in_octets", -5L, "out_octets", 1000L), Map.of(), Map.of(), 64, "ifindex-5");
    rates.apply(new PollResult(List.of(sample), OptionalLong.of(12345)));
    DeviceRates carried = new DeviceRates(Map.of(DeviceRates.slotKey(0, "junos-netconf"), rates.snapshot()));

    assertEquals(carried, roundTrip(carried));
    DeviceActor.EnsureRunning handOff = new DeviceActor.EnsureRunning(Optional.of(carried));
    assertEquals(handOff, roundTrip(handOff));
    assertEquals(new DeviceActor.EnsureRunning(), roundTrip(new DeviceActor.EnsureRunning()));
  }
}
