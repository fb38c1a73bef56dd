package io.telemetry.simulate;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/** Serves the SSH {@code netconf} subsystem (RFC 6242) of every simulated device. */
final class NetconfSubsystemFactory implements SubsystemFactory {

  private final FleetRuntime fleet;

  NetconfSubsystemFactory(FleetRuntime fleet) {
    this.fleet = fleet;
  }

  @Override
  public String getName() {
    return "netconf";
  }

  @Override
  public Command createSubsystem(ChannelSession channel) {
    return new NetconfServerSession(fleet);
  }
}
