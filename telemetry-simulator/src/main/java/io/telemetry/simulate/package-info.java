/**
 * Simulated Junos devices serving NETCONF over SSH on loopback ports, with known counter rates
 * and fault injection. Start with {@link io.telemetry.simulate.SimulatedFleet#start}; disturb a
 * running fleet now and then (flaps, link failures, BGP drops, utilization spikes) with
 * {@link io.telemetry.simulate.FleetChaos#start}.
 */
package io.telemetry.simulate;
