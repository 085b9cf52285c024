package org.gridcare.acd.app;

/** A value with the version it was read at, for compare-and-set writes. Version 0: never written. */
public record Versioned<T>(T value, long version) {}
