/**
 * Simulated Junos devices serving NETCONF over SSH on loopback ports, with known counter rates
 * and fault injection. Start with {@link io.telemetry.simulate.SimulatedFleet#start}.
 */
package io.telemetry.simulate;
