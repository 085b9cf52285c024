/**
 * Shared kernel: stable error ids, masking of personal data, phone normalisation and identifier validation.
 * Pure: depends only on java.* and libphonenumber.
 */
package org.gridcare.platform.domain;
