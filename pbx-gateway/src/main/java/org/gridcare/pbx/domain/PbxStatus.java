package org.gridcare.pbx.domain;

/** Health of the PBX link for {@code /health/ready}. */
public record PbxStatus(boolean connected, String detail) {}
