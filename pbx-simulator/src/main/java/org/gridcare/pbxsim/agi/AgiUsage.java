package org.gridcare.pbxsim.agi;

/**
 * Usage texts sent between {@code 520-Invalid command syntax.  Proper usage follows:} and {@code 520 End of proper
 * usage.}. Asterisk prints its XML documentation there (markup included); the texts for STREAM FILE, GET DATA,
 * SET VARIABLE and SAY NUMBER are the captured ones, the others are short summaries.
 */
final class AgiUsage {
  static final String STREAM_FILE = "Send the given file, allowing playback to be interrupted by the given digits, if"
      + " any. Returns <literal>0</literal> if playback completes without a digit being pressed, or the ASCII"
      + " numerical value of the digit if one was pressed, or <literal>-1</literal> on error or if the channel was"
      + " disconnected. If musiconhold is playing before calling stream file it will be automatically stopped and"
      + " will not be restarted after completion.\n"
      + "It sets the following channel variables upon completion:\n"
      + "<variable>PLAYBACKSTATUS</variable>: The status of the playback attempt as a text string.\n"
      + "    <value>SUCCESS</value>\n"
      + "    <value>FAILED</value>";
  static final String GET_DATA = "Stream the given <replaceable>file</replaceable>, and receive DTMF data.\n"
      + "Returns the digits received from the channel at the other end.";
  static final String SET_VARIABLE = "Sets a variable to the current channel.";
  static final String SAY_NUMBER = "Say a given number, returning early if any of the given DTMF digits are received"
      + " on the channel.  Returns <literal>0</literal> if playback completes without a digit being pressed, or the"
      + " ASCII numerical value of the digit if one was pressed or <literal>-1</literal> on error/hangup.";
  static final String GET_VARIABLE = "Returns <literal>0</literal> if <replaceable>variablename</replaceable> is not"
      + " set. Returns <literal>1</literal> if <replaceable>variablename</replaceable> is set and returns the"
      + " variable in parentheses.";
  static final String GET_FULL_VARIABLE = "Evaluates the given expression against the channel, understanding"
      + " complex variable names and builtin variables.";
  static final String WAIT_FOR_DIGIT = "Waits up to <replaceable>timeout</replaceable> milliseconds for the channel"
      + " to receive a DTMF digit (-1 waits forever).";
  static final String RECORD_FILE = "Record to a file until a given dtmf digit in the sequence is received, the"
      + " timeout is reached or silence is detected: RECORD FILE <filename> <format> <escape digits> <timeout>"
      + " [offset samples] [BEEP] [s=silence].";
  static final String SAY_DIGITS = "Say a given digit string, returning early if any of the given DTMF digits are"
      + " received on the channel.";
  static final String EXEC = "Executes <replaceable>application</replaceable> with given"
      + " <replaceable>options</replaceable>.";
  static final String SET_MUSIC = "Enables/Disables the music on hold generator: SET MUSIC <on|off> [class].";
  static final String SET_CONTEXT = "Sets the context for continuation upon exiting the application.";
  static final String SET_EXTENSION = "Changes the extension for continuation upon exiting the application.";
  static final String SET_PRIORITY = "Changes the priority for continuation upon exiting the application.";
  static final String DATABASE_PUT = "Adds or updates an entry in the Asterisk database for a given family, key,"
      + " and value.";
  static final String DATABASE_GET = "Retrieves an entry in the Asterisk database for a given family and key.";
  static final String DATABASE_DEL = "Deletes an entry in the Asterisk database for a given family and key.";

  private AgiUsage() {}
}
