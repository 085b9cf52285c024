package org.gridcare.pbx.domain;

/** How a supervisor joins an operator's call (ChanSpy options: q always, plus w whisper or B barge). */
public enum SpyMode {
  LISTEN(""),
  WHISPER("w"),
  BARGE("B");

  private final String option;

  SpyMode(String option) {
    this.option = option;
  }

  public String option() {
    return option;
  }
}
