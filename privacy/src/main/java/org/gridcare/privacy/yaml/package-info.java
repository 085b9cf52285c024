/** Loads and validates {@code config/privacy.yaml} into the record of processing activities. */
package org.gridcare.privacy.yaml;
