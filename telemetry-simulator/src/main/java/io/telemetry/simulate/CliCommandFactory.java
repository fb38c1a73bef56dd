package io.telemetry.simulate;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/** Serves SSH exec channels ({@code ssh device "show ..."}) of every simulated device. */
final class CliCommandFactory implements CommandFactory {

  private final FleetRuntime fleet;

  CliCommandFactory(FleetRuntime fleet) {
    this.fleet = fleet;
  }

  @Override
  public Command createCommand(ChannelSession channel, String command) {
    return new CliExecCommand(fleet, command);
  }
}
