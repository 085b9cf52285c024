package org.gridcare.pbxsim.agi;

import java.util.List;

/**
 * What goes back to the script for one command ({@code writes}, each one TCP write as Asterisk segments them) and
 * what AGIExecEnd reports ({@code resultCode}, {@code result}). {@code channelGone} marks a command that ended
 * because the channel hung up or was taken away.
 */
record AgiReply(List<String> writes, int resultCode, String result, boolean channelGone) {
  static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine\n";

  static AgiReply ok(String line) {
    return new AgiReply(List.of(line + "\n"), 200, "Success", false);
  }

  static AgiReply failure(String line, boolean channelGone) {
    return new AgiReply(List.of(line + "\n"), -1, "Failure", channelGone);
  }

  static AgiReply unknownResult(String line) {
    return new AgiReply(List.of(line + "\n"), 200, "Unknown Result", false);
  }

  static AgiReply invalid() {
    return new AgiReply(List.of("510 Invalid or unknown command\n"), 510, "Invalid or unknown command", false);
  }

  static AgiReply dead() {
    return new AgiReply(List.of(DEAD), 511, "Command Not Permitted on a dead channel or intercept routine", false);
  }

  static AgiReply usage(String usage) {
    return new AgiReply(List.of("520-Invalid command syntax.  Proper usage follows:\n",
        usage + "\n520 End of proper usage.\n"), 520, "Usage", false);
  }
}
